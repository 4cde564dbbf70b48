/**
 * nginx/Apache "combined" access-log lines:
 *   $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
 * The quoted fields may hold escaped quotes: nginx writes `\x22` (and any
 * byte outside printable ASCII as `\xHH`), Apache writes `\"` and `\\`.
 * The address is matched and dropped here: nothing past this parser sees it.
 */

export interface CombinedLogLine {
  /** UTC epoch milliseconds. */
  time: number;
  method: string;
  /** The request target as sent (path and query, or an absolute URL). */
  target: string;
  status: number;
  referrer: string | null;
  userAgent: string | null;
}

const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;
// The address and user fields are \S+; time is [..]; the last two quoted fields are optional (the "common" format has none),
// and what a custom format adds after them is ignored.
const LINE = new RegExp(String.raw`^\S+ \S+ (?:\S+|${QUOTED}) \[([^\]]+)\] ${QUOTED} (\d{3}) (?:\d+|-)(?: ${QUOTED} ${QUOTED}(?:\s.*)?)?$`);

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const TIME = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** `05/Dec/2026:10:00:00 +0900` → epoch ms, or undefined. */
export function parseLogTime(text: string): number | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[2]!];
  if (month === undefined) return undefined;
  const local = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  const offset = (Number(m[8]) * 60 + Number(m[9])) * 60_000 * (m[7] === '-' ? -1 : 1);
  const date = new Date(local);
  // Date.UTC rolls 31/Feb over into March: such a time is not one.
  if (date.getUTCDate() !== Number(m[1]) || date.getUTCMonth() !== month) return undefined;
  return local - offset;
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 0x0a, t: 0x09, r: 0x0d };

/** A quoted field's text: `\xHH` bytes (UTF-8 sequences decoded whole), `\"`, `\\`, `\n`… as the server meant them. */
export function unescapeLogField(text: string): string {
  if (!text.includes('\\')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      const hex = /^x[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 4)) ? text.slice(i + 2, i + 4) : undefined;
      if (hex !== undefined) {
        bytes.push(parseInt(hex, 16));
        i += 3;
      } else {
        const simple = SIMPLE_ESCAPES[next];
        if (simple !== undefined) bytes.push(simple);
        else bytes.push(...Buffer.from(next, 'utf8'));
        i += 1;
      }
      continue;
    }
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    bytes.push(...Buffer.from(String.fromCodePoint(code), 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

const orNull = (text: string | undefined): string | null => {
  if (text === undefined) return null;
  const value = unescapeLogField(text);
  return value === '' || value === '-' ? null : value;
};

/** One line, or undefined when it is not a combined (or common) log line. */
export function parseCombinedLine(line: string): CombinedLogLine | undefined {
  const m = LINE.exec(line.replace(/\r$/, ''));
  if (!m) return undefined;
  const time = parseLogTime(m[2]!);
  if (time === undefined) return undefined;
  const request = unescapeLogField(m[3]!);
  const [method = '', target = ''] = request.split(' ');
  return { time, method, target, status: Number(m[4]), referrer: orNull(m[5]), userAgent: orNull(m[6]) };
}

/** The first segment of a request target's path, decoded (`/devfest/x?y` → `devfest`), or undefined. */
export function firstPathSegment(target: string): string | undefined {
  let path = target;
  if (/^https?:\/\//i.test(target)) {
    try {
      path = new URL(target).pathname;
    } catch {
      return undefined;
    }
  }
  if (!path.startsWith('/')) return undefined;
  const segment = path.slice(1).split(/[/?#]/, 1)[0]!;
  try {
    return decodeURIComponent(segment) || undefined;
  } catch {
    return undefined;
  }
}
