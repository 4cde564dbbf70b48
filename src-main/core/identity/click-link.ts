/**
 * A click id (activities.anon_id; the redirect server's drm_cid) linked to a
 * developer by a `developer_identifiers` row of kind `click_id`. Every
 * activity that becomes the developer's through such a link — an anonymous
 * click moved by the import that made the link (imports/load/click-links.ts),
 * or a click served after it (shortlinks/clicks.ts) — carries LINK_MARK in its
 * metadata, so unlinking (developers/identifiers.ts) gives back exactly those
 * and not the rows that identified the person themselves.
 */

/** The metadata key (and value) of an activity that became a developer's through a click-id link. */
export const LINK_MARK = { drm_link: 'click_id' } as const;
