/** Developer tags as the app stores them, the same in the core and the renderer. */

/** The most tags one developer may carry. */
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 50;

/** A tag as stored: NFKC (full-width letters become ASCII), trimmed, inner spaces collapsed. */
export function foldTag(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
}
