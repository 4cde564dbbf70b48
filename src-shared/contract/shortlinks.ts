/**
 * Short links and their QR codes (issue 13 §1): a key on the tenant's
 * short-link domain that leads to a target URL with UTM parameters merged
 * in, tied to a campaign and/or a resource. The redirect itself runs where
 * the team hosts the domain: the app exports rules for it.
 */
import { z } from 'zod';
import { emptyInput, uuid } from './common';

import { qrFormats, qrLevels, redirectFormats } from './values';

export { qrFormats, qrLevels, qrSizes, redirectFormats, type QrLevel, type RedirectFormatName } from './values';

export const shortlink = z.object({
  shortlinkId: z.string(),
  key: z.string(),
  targetUrl: z.string(),
  /** The target with the UTM parameters merged in: where a click lands. */
  finalUrl: z.string(),
  /** `https://<shortlink_domain>/<key>`; null while no domain is set (Settings → Short links). */
  shortUrl: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  resourceId: z.string().nullable(),
  resourceTitle: z.string().nullable(),
  utmSource: z.string().nullable(),
  utmMedium: z.string().nullable(),
  utmCampaign: z.string().nullable(),
  utmContent: z.string().nullable(),
  createdAt: z.string(),
});
export type Shortlink = z.infer<typeof shortlink>;

const utmValue = z.string().trim().max(200).nullable().optional();
const linkFields = {
  targetUrl: z.string().trim().min(1).max(2048),
  campaignId: uuid.nullable().optional(),
  resourceId: uuid.nullable().optional(),
  utmSource: utmValue,
  utmMedium: utmValue,
  utmCampaign: utmValue,
  utmContent: utmValue,
};
/** A typed key (the core checks its characters and says which are allowed); left out, one is generated. */
const typedKey = z.string().trim().min(1).max(64);

export const shortlinkSettings = z.object({
  /** The host short URLs use, such as go.example.com; null: not set yet. */
  domain: z.string().nullable(),
  /** The public address of the app or of its redirect server (http or https); null: not set. */
  baseUrl: z.string().nullable(),
});
export type ShortlinkSettings = z.infer<typeof shortlinkSettings>;

export const qrRequest = z
  .object({
    shortlinkId: uuid,
    format: z.enum(qrFormats).default('png'),
    /** Width in pixels (PNG; the SVG's nominal size). */
    size: z.number().int().min(128).max(4096).default(1024),
    level: z.enum(qrLevels).default('M'),
    /** A line under the code (any language); control characters are refused. */
    caption: z
      .string()
      .trim()
      .max(80)
      .regex(/^[^\p{Cc}]*$/u, 'a caption without control characters')
      .nullable()
      .optional(),
  })
  .strict();
export type QrRequest = z.output<typeof qrRequest>;

export const qrFile = z.object({
  fileName: z.string(),
  mimeType: z.enum(['image/png', 'image/svg+xml']),
  /** SVG as text; PNG as base64. */
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
  /** What the code reads as: the short URL, else (no domain yet) the final URL. */
  encodes: z.string(),
});
export type QrFile = z.infer<typeof qrFile>;

export const shortlinkChannels = {
  'shortlinks:list': {
    input: z.object({ q: z.string().max(200).optional(), campaignId: uuid.optional() }).strict(),
    output: z.array(shortlink),
  },
  'shortlinks:get': { input: z.object({ shortlinkId: uuid }).strict(), output: shortlink },
  'shortlinks:create': { input: z.object({ key: typedKey.optional(), ...linkFields }).strict(), output: shortlink },
  'shortlinks:update': {
    input: z.object({ shortlinkId: uuid, key: typedKey.optional(), ...linkFields, targetUrl: linkFields.targetUrl.optional() }).strict(),
    output: shortlink,
  },
  /** Deletes the link; the token undoes it (kept for 10 minutes). */
  'shortlinks:delete': {
    input: z.object({ shortlinkId: uuid }).strict(),
    output: z.object({ undoToken: z.string(), key: z.string() }),
  },
  'shortlinks:restore': { input: z.object({ undoToken: z.string().min(1) }).strict(), output: shortlink },
  'shortlinks:get-qr': { input: qrRequest, output: qrFile },
  'shortlinks:export-redirects': {
    input: z.object({ format: z.enum(redirectFormats) }).strict(),
    output: z.object({ fileName: z.string(), content: z.string(), count: z.number().int() }),
  },
  'shortlinks:get-settings': { input: emptyInput, output: shortlinkSettings },
  'shortlinks:update-settings': {
    input: z
      .object({ domain: z.string().trim().max(253).nullable().optional(), baseUrl: z.string().trim().max(2048).nullable().optional() })
      .strict(),
    output: shortlinkSettings,
  },
} as const;
