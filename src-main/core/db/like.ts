/**
 * A `like` pattern that finds `text` anywhere, NFKC-folded as stored search
 * text is; `%`, `_` and the escape character itself match literally.
 */
export function likeContains(text: string): string {
  return `%${text.normalize('NFKC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
