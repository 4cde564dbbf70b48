/**
 * The team server's sign-in routes (`drm serve --team`, README "Team mode"),
 * seen from the page: `/auth/me` says whether this is team mode and who is
 * signed in; plain `drm serve` and Electron have no such route.
 */
export interface TeamUser {
  email: string;
  displayName: string | null;
  tenantId: string;
}

export type TeamState = { mode: 'single' } | { mode: 'team'; user: TeamUser | null };

export type SignInAnswer =
  { ok: true; user: TeamUser } | { ok: false; reason: 'invalid' | 'disabled' | 'locked' | 'other'; retryAfter?: number; message: string };

/** The answer of a team server route: { ok, value } or { ok: false, error }. */
interface Envelope<V, D = object> {
  ok?: boolean;
  value?: V;
  error?: { message?: string; details?: D & { retryAfter?: number } };
}

type MeEnvelope = Envelope<{ mode?: string; user?: TeamUser | null }>;

async function readEnvelope<E>(response: Response): Promise<E | undefined> {
  try {
    return (await response.json()) as E;
  } catch {
    return undefined;
  }
}

/** POSTs `payload` as JSON to an `/auth/` route; the response and its body, or the network error's text. */
async function postAuth<E>(path: string, payload: unknown): Promise<{ response: Response; body: E | undefined } | { failed: string }> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(payload),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    return { response, body: await readEnvelope<E>(response) };
  } catch (error) {
    return { failed: String(error) };
  }
}

/** How long a lockout lasts (429): the body's retryAfter, else the Retry-After header, else a minute. */
const retryAfterOf = (response: Response, body: Envelope<unknown> | undefined): number =>
  body?.error?.details?.retryAfter ?? Number(response.headers.get('retry-after') ?? 60);

/** Team mode and its user, or single mode (anything that does not answer as the team server does). */
export async function readTeamState(): Promise<TeamState> {
  if (window.api) return { mode: 'single' };
  try {
    const response = await fetch('/auth/me', { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok || !/json/.test(response.headers.get('content-type') ?? '')) return { mode: 'single' };
    const body = await readEnvelope<MeEnvelope>(response);
    return body?.ok && body.value?.mode === 'team' ? { mode: 'team', user: body.value.user ?? null } : { mode: 'single' };
  } catch {
    return { mode: 'single' };
  }
}

export async function signIn(email: string, password: string): Promise<SignInAnswer> {
  const answer = await postAuth<MeEnvelope>('/auth/sign-in', { email, password });
  if ('failed' in answer) return { ok: false, reason: 'other', message: answer.failed };
  const { response, body } = answer;
  if (response.ok && body?.value?.user) return { ok: true, user: body.value.user };
  const message = body?.error?.message ?? `HTTP ${response.status}`;
  if (response.status === 401) return { ok: false, reason: 'invalid', message };
  if (response.status === 403 && /disabled/i.test(message)) return { ok: false, reason: 'disabled', message };
  if (response.status === 429) return { ok: false, reason: 'locked', retryAfter: retryAfterOf(response, body), message };
  return { ok: false, reason: 'other', message };
}

/** Ends the session; the page then reloads to the sign-in page. */
export async function signOut(): Promise<void> {
  const response = await fetch('/auth/sign-out', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/** The fields of `POST /auth/password` a refusal can name (`details.field`). */
export type PasswordField = 'currentPassword' | 'newPassword';

export type ChangePasswordAnswer =
  | { ok: true; endedSessions: number }
  | {
      ok: false;
      /** The field the server refused, or null when the refusal is about no field (signed out, network). */
      field: PasswordField | null;
      reason: 'invalid' | 'locked' | 'missing' | 'tooShort' | 'tooLong' | 'same' | 'changed' | 'signedOut' | 'other';
      retryAfter?: number;
      message: string;
    };

type PasswordEnvelope = Envelope<{ endedSessions?: number }, { field?: string; reason?: string }>;

type PasswordRefusal = Extract<ChangePasswordAnswer, { ok: false }>;
const REASONS: ReadonlySet<string> = new Set<PasswordRefusal['reason']>([
  'invalid',
  'locked',
  'missing',
  'tooShort',
  'tooLong',
  'same',
  'changed',
]);

/** Changes the signed-in user's own password; the server ends their other sessions. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<ChangePasswordAnswer> {
  const answer = await postAuth<PasswordEnvelope>('/auth/password', { currentPassword, newPassword });
  if ('failed' in answer) return { ok: false, field: null, reason: 'other', message: answer.failed };
  const { response, body } = answer;
  if (response.ok && body?.ok) return { ok: true, endedSessions: body.value?.endedSessions ?? 0 };
  const message = body?.error?.message ?? `HTTP ${response.status}`;
  if (response.status === 401) return { ok: false, field: null, reason: 'signedOut', message };
  const details = body?.error?.details ?? {};
  const field = details.field === 'currentPassword' || details.field === 'newPassword' ? details.field : null;
  const reason = REASONS.has(details.reason ?? '') ? (details.reason as PasswordRefusal['reason']) : 'other';
  return {
    ok: false,
    field,
    reason,
    message,
    ...(reason === 'locked' ? { retryAfter: retryAfterOf(response, body) } : {}),
  };
}
