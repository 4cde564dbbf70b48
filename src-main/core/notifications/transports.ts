/**
 * How one notification leaves the app: a Slack incoming webhook (JSON
 * `{text, blocks}`), a generic webhook (JSON, signed), or an email over the
 * tenant's SMTP server. Every request has a timeout. A failure is thrown as
 * a `SendFailure` saying whether trying again can help; its message names
 * the host and the status, never a URL's path (often the key) nor a secret.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { emailList } from '../../../src-shared/contract/notifications';
import type { StoredPayload } from './notify';
import type { StoredSmtp } from './smtp';

const REQUEST_TIMEOUT_MS = 10_000;
const SIGNATURE_HEADER = 'X-DRM-Signature';
const TIMESTAMP_HEADER = 'X-DRM-Timestamp';

export class SendFailure extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>`: the timestamp
 * is signed with the body, so a receiver that refuses old timestamps refuses
 * a replayed request.
 */
function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver said, as a failure or nothing: 408, 429 and 5xx may pass; any other 4xx will not. */
function checkStatus(url: URL, status: number): void {
  if (status >= 200 && status < 300) return;
  const retry = status === 408 || status === 429 || status >= 500 || status < 400;
  throw new SendFailure(`${url.host} answered HTTP ${status}${retry ? '' : ' (not retried: fix the channel and send a test)'}`, retry);
}

interface HttpSend {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export async function postJson({ url, body, headers }: HttpSend): Promise<void> {
  const parsed = new URL(url);
  let response: Response;
  try {
    response = await fetch(parsed, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'DRM-Desktop', ...headers },
      body,
      // A redirect could carry the body and signature somewhere nobody configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const why =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
        : (cause?.code ?? (error as Error).message);
    throw new SendFailure(`Could not reach ${parsed.host}: ${why}`, true);
  }
  // The answer's body is not needed; reading it ends the connection cleanly.
  await response.arrayBuffer().catch(() => undefined);
  checkStatus(parsed, response.status);
}

export function slackRequest(url: string, payload: StoredPayload): HttpSend {
  const body = JSON.stringify({
    text: `${payload.title}\n${payload.text}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: payload.title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: payload.text.slice(0, 3000) || ' ' } },
    ],
  });
  return { url, body, headers: {} };
}

export function webhookRequest(url: string, secret: string, notificationId: string, payload: StoredPayload, now: Date): HttpSend {
  const body = JSON.stringify({
    id: notificationId,
    event: payload.event,
    title: payload.title,
    text: payload.text,
    data: payload.data,
    sentAt: now.toISOString(),
  });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    url,
    body,
    headers: {
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signature(secret, timestamp, body),
      'X-DRM-Event': payload.event,
      'X-DRM-Delivery': notificationId,
    },
  };
}

export async function sendEmail(smtp: StoredSmtp | null, recipients: string, payload: StoredPayload): Promise<void> {
  if (!smtp || smtp.host === '') {
    throw new SendFailure('No SMTP server is set: fill in Settings → Notifications → Email (SMTP)', false);
  }
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.username !== '' ? { user: smtp.username, pass: smtp.password } : undefined,
    connectionTimeout: REQUEST_TIMEOUT_MS,
    greetingTimeout: REQUEST_TIMEOUT_MS,
    socketTimeout: REQUEST_TIMEOUT_MS,
    logger: false,
  });
  try {
    await transport.sendMail({
      from: smtp.from || smtp.username,
      to: emailList(recipients),
      subject: `[DRM] ${payload.title}`,
      text: payload.text,
    });
  } catch (error) {
    const e = error as { responseCode?: number; code?: string; message: string };
    // 5xx from a mail server is permanent (bad recipient, refused login); 4xx and network errors pass.
    const permanent = (e.responseCode !== undefined && e.responseCode >= 500) || e.code === 'EAUTH';
    throw new SendFailure(`${smtp.host}:${smtp.port}: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' ').trim(), !permanent);
  } finally {
    transport.close();
  }
}
