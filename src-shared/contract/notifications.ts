/**
 * The `notifications:*` channels (issue 14 §4): where notifications go
 * (Slack incoming webhooks, signed generic webhooks, email over the tenant's
 * SMTP server), what each channel receives, the history of what was sent, and
 * a test send. A webhook's secret and the SMTP password go in and never come
 * back out: the answers say only whether one is set.
 */
import { z } from 'zod';
import { emptyInput, uuid } from './common';
import { notificationChannelKinds, notificationEvents, smtpSecurities } from './values';

const notificationStatuses = ['queued', 'sent', 'failed'] as const;

export const notificationChannel = z.object({
  channelId: uuid,
  kind: z.enum(notificationChannelKinds),
  name: z.string(),
  /** The webhook URL, or the email recipients (comma-separated). */
  target: z.string(),
  /** Whether a webhook signing secret is set; the secret itself never leaves the core. */
  hasSecret: z.boolean(),
  events: z.array(z.enum(notificationEvents)),
  /** The lowest merge-suggestion score announced (0–1). */
  mergeThreshold: z.number(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NotificationChannel = z.infer<typeof notificationChannel>;

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .url('a URL such as https://hooks.example.com/drm')
  .refine((u) => /^https?:\/\//i.test(u), 'an http:// or https:// URL');

export const saveChannelInput = z
  .object({
    /** Absent: a new channel. */
    channelId: uuid.optional(),
    kind: z.enum(notificationChannelKinds),
    name: z.string().trim().min(1, 'a name').max(100),
    target: z.string().trim().min(1, 'a URL or email addresses').max(2048),
    /** A webhook's signing key: absent keeps the stored one; required for a new webhook. */
    secret: z.string().min(16, 'at least 16 characters').max(256).optional(),
    events: z.array(z.enum(notificationEvents)).max(notificationEvents.length),
    mergeThreshold: z.number().min(0).max(1).optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.kind !== 'email' && !httpUrl.safeParse(input.target).success) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'an http:// or https:// URL' });
    }
    if (input.kind === 'email') {
      const bad = emailList(input.target).filter((a) => !z.string().email().safeParse(a).success);
      if (bad.length > 0 || emailList(input.target).length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['target'],
          message: `email addresses separated by commas${bad.length ? ` (not one: ${bad[0]})` : ''}`,
        });
      }
    }
    if (input.kind !== 'webhook' && input.secret !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a secret only for a generic webhook' });
    }
  });
export type SaveChannelInput = z.input<typeof saveChannelInput>;

/** An email channel's recipients, from its target. */
export function emailList(target: string): string[] {
  return target
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

export const notificationEntry = z.object({
  notificationId: uuid,
  /** The channel's kind when it was sent (`slack`, `webhook`, `email`). */
  channel: z.string(),
  /** The channel's name; null once it was deleted. */
  channelName: z.string().nullable(),
  /** Where it went, with any key in a URL left out. */
  target: z.string().nullable(),
  event: z.string(),
  title: z.string(),
  status: z.enum(notificationStatuses),
  /** The last failure: the reason it failed, or (queued) why it is being retried. */
  errorMessage: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type NotificationEntry = z.infer<typeof notificationEntry>;

export const smtpSettings = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(smtpSecurities),
  username: z.string(),
  from: z.string(),
  hasPassword: z.boolean(),
});
export type SmtpSettings = z.infer<typeof smtpSettings>;

export const saveSmtpInput = z
  .object({
    host: z.string().trim().max(253),
    port: z.number().int().min(1).max(65535),
    security: z.enum(smtpSecurities),
    username: z.string().trim().max(256),
    /** Absent keeps the stored password; an empty string removes it. */
    password: z.string().max(1024).optional(),
    from: z.union([z.literal(''), z.string().trim().email('an email address such as drm@example.com')]),
  })
  .strict();

export const notificationChannels = {
  'notifications:list-channels': { input: emptyInput, output: z.array(notificationChannel) },
  'notifications:save-channel': { input: saveChannelInput, output: notificationChannel },
  /** Deletes the channel (its history stays); the token undoes it within ten minutes. */
  'notifications:delete-channel': {
    input: z.object({ channelId: uuid }).strict(),
    output: z.object({ undoToken: z.string(), name: z.string() }),
  },
  'notifications:restore-channel': { input: z.object({ undoToken: z.string().min(1).max(100) }).strict(), output: notificationChannel },
  /** Sends a test notification to the channel now, once (no retries), and returns its history row. */
  'notifications:send-test': { input: z.object({ channelId: uuid }).strict(), output: notificationEntry },
  'notifications:list-history': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(notificationEntry),
  },
  'notifications:get-smtp': { input: emptyInput, output: smtpSettings },
  'notifications:save-smtp': { input: saveSmtpInput, output: smtpSettings },
} as const;

export const notificationEventsPushed = {
  /** Something happened the person at the desktop should hear about: the Electron shell shows it as an OS notification. */
  'notification:raised': z.object({ event: z.string(), title: z.string(), body: z.string() }),
} as const;
