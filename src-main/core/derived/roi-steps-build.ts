/**
 * derived.roi_steps' rows for conversions none of whose credit is stored
 * (a first import, a rebuild, developers new to ROI), built in Node from one
 * binary COPY of the conversion × touch pairs. roi-steps.ts's SQL (deltasSql,
 * then a running sum per row) took 9–12 s of server CPU for the 800k pairs of
 * the 1M benchmark, in its sorts and its numeric arithmetic per pair; here the
 * server sorts the pairs once and Node walks them.
 *
 * The pairs arrive sorted by (conversion day, conversion, touch instant
 * descending, campaign descending): the order deltasSql's window ranks them
 * in. Each conversion's deltas follow deltasSql's rules, are summed per
 * (model, campaign, day, age), and a day's rows are complete when the next
 * day starts, so only one day's rows are held.
 *
 * Numbers are exact: a delta is a bigint count of 10^-28, and PostgreSQL's
 * `1::numeric / n` is reproduced digit for digit (reciprocal). The SQL stays
 * the path that subtracts stored contributions, and the reference the
 * integration test compares this with (test/integration/roi-steps-build.test.ts).
 */
import pg from 'pg';
import type { SqlClient } from '../db/db';
import { copyLine, openCopy } from '../imports/load/copy';
import { readBinaryCopy } from './funnel-bits-copy';
import { ageSql, MAX_LOOKBACK_DAYS } from './lookback';

/** Decimal digits after the point every delta is counted in: enough for 1/n up to n < 10^12 (reciprocal). */
const SCALE = 28;

/**
 * `1::numeric / n` as PostgreSQL computes it, in units of 10^-28: numeric.c's select_div_scale gives
 * 1/n 20 digits after the point below 10^4 (its base), 24 below 10^8 and 28 below 10^12, and div_var
 * rounds the last one half away from zero.
 */
export function reciprocal(n: number): bigint {
  if (!Number.isSafeInteger(n) || n < 1 || n >= 1e12) throw new RangeError(`1/${n} is outside what ROI steps count`);
  const digits = n < 1e4 ? 20 : n < 1e8 ? 24 : 28;
  const big = BigInt(n);
  return ((2n * 10n ** BigInt(digits) + big) / (2n * big)) * 10n ** BigInt(SCALE - digits);
}

/** A count of 10^-28 as trim_scale writes the numeric: no trailing zeros, no point for a whole number. */
export function numericText(value: bigint): string {
  if (value < 0n) return `-${numericText(-value)}`;
  // One conversion to decimal digits, then cut: a division and a remainder per value cost twice as much.
  const digits = value.toString();
  const split = digits.length - SCALE;
  const whole = split > 0 ? digits.slice(0, split) : '0';
  const fraction = split > 0 ? digits.slice(split) : digits.padStart(SCALE, '0');
  let end = SCALE;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
  return end === 0 ? whole : `${whole}.${fraction.slice(0, end)}`;
}

/**
 * One day's deltas by age, per campaign (hex): first and last as integer counts in a typed array
 * (ages 0–365), linear as exact shares. A delta summing to zero is no breakpoint (deltasSql's
 * `having … <> 0`), and a row left without any is no row.
 */
class DayDeltas {
  readonly first = new Map<string, Float64Array>();
  readonly last = new Map<string, Float64Array>();
  private readonly linear = new Map<string, Map<number, bigint>>();
  private readonly reciprocals = new Map<number, bigint>();

  count(model: Map<string, Float64Array>, campaign: string, age: number, delta: number): void {
    let counts = model.get(campaign);
    if (!counts) model.set(campaign, (counts = new Float64Array(MAX_LOOKBACK_DAYS + 1)));
    counts[age]! += delta;
  }

  share(campaign: string, age: number, delta: bigint): void {
    let shares = this.linear.get(campaign);
    if (!shares) this.linear.set(campaign, (shares = new Map()));
    shares.set(age, (shares.get(age) ?? 0n) + delta);
  }

  reciprocal(n: number): bigint {
    let r = this.reciprocals.get(n);
    if (r === undefined) this.reciprocals.set(n, (r = reciprocal(n)));
    return r;
  }

  /** COPY lines (model, campaign_id, day, ages, cum) of the day's rows; forgets them. */
  take(day: string, lines: string[]): void {
    for (const [model, counts] of [['first', this.first] as const, ['last', this.last] as const]) {
      for (const [campaign, deltas] of counts) {
        const ages: number[] = [];
        const cums: number[] = [];
        let cum = 0;
        for (let age = 0; age < deltas.length; age++) {
          if (deltas[age] === 0) continue;
          ages.push(age);
          cums.push((cum += deltas[age]!));
        }
        if (ages.length > 0) lines.push(copyLine([model, uuidText(campaign), day, `{${ages.join(',')}}`, `{${cums.join(',')}}`]));
      }
      counts.clear();
    }
    for (const [campaign, deltas] of this.linear) {
      const ages = [...deltas.keys()].filter((age) => deltas.get(age) !== 0n).sort((a, b) => a - b);
      if (ages.length === 0) continue;
      let cum = 0n;
      const cums = ages.map((age) => numericText((cum += deltas.get(age)!)));
      lines.push(copyLine(['linear', uuidText(campaign), day, `{${ages.join(',')}}`, `{${cums.join(',')}}`]));
    }
    this.linear.clear();
  }
}

const uuidText = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** PostgreSQL's binary date: days since 2000-01-01. */
const EPOCH_2000 = Date.UTC(2000, 0, 1);
const dateText = (days: number) => new Date(EPOCH_2000 + days * 86_400_000).toISOString().slice(0, 10);

/** One conversion's touches, most recent first (ties: campaign descending). */
class Conversion {
  campaigns: string[] = [];
  ages: number[] = [];
  /** The touch's instant as the COPY sends it (int8 µs): high and low words, compared for ties. */
  high: number[] = [];
  low: number[] = [];

  clear(): void {
    this.campaigns.length = this.ages.length = this.high.length = this.low.length = 0;
  }

  /** Adds the conversion's deltas under each model, as deltasSql's rules give them. */
  addTo(day: DayDeltas): void {
    const { campaigns, ages, high, low } = this;
    const count = campaigns.length;
    // First touch: +1 at a touch's age, −1 at the age of the touch ranked just before it.
    for (let i = 0; i < count; i++) {
      day.count(day.first, campaigns[i]!, ages[i]!, 1);
      if (i + 1 < count && ages[i + 1]! <= MAX_LOOKBACK_DAYS) day.count(day.first, campaigns[i]!, ages[i + 1]!, -1);
    }
    // Last touch: the last of the latest instant's ties (the smallest campaign id).
    let last = 0;
    while (last + 1 < count && high[last + 1] === high[0] && low[last + 1] === low[0]) last++;
    day.count(day.last, campaigns[last]!, ages[last]!, 1);
    // Linear: per campaign the age of its latest touch; at each breakpoint t, n campaigns within t.
    const latest = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const a = latest.get(campaigns[i]!);
      if (a === undefined || ages[i]! < a) latest.set(campaigns[i]!, ages[i]!);
    }
    const entering = new Map<number, number>();
    for (const a of latest.values()) entering.set(a, (entering.get(a) ?? 0) + 1);
    const breaks = [...entering.keys()].sort((x, y) => x - y);
    const share: bigint[] = [];
    const step: bigint[] = [];
    let n = 0;
    for (const t of breaks) {
      const k = entering.get(t)!;
      n += k;
      share.push(day.reciprocal(n));
      step.push(n > k ? day.reciprocal(n) - day.reciprocal(n - k) : 0n);
    }
    // A campaign gets the share at its own breakpoint, then the step at every later one.
    for (const [campaign, a] of latest) {
      for (let b = 0; b < breaks.length; b++) {
        const t = breaks[b]!;
        if (t > a) day.share(campaign, t, step[b]!);
        else if (t === a) day.share(campaign, t, share[b]!);
      }
    }
  }
}

/** The COPY's fields, in order. */
const enum F {
  Day,
  Conversion,
  Campaign,
  Age,
  Touched,
}

/**
 * Writes into `table` (model, campaign_id, day, ages, cum) the canonical
 * rows of roi_steps for `pairs`, a relation (sign, conv, converted_at,
 * campaign_id, touched_at) of sign +1 only, the days counted in `zone`.
 * The connection runs the two COPYs one after the other: the rows are held
 * until the pairs' COPY ends (at 1M activities, 16k rows, a few MB).
 */
export async function writeStepRows(client: SqlClient, pairs: string, zone: string, table: string): Promise<number> {
  const sql = `copy (
     select (p.converted_at at time zone ${pg.escapeLiteral(zone)})::date, p.conv, p.campaign_id, ${ageSql('p.converted_at', 'p.touched_at')}, p.touched_at
       from ${pairs} p
      order by 1, p.conv, p.touched_at desc, p.campaign_id desc) to stdout (format binary)`;
  const lines: string[] = [];
  const deltas = new DayDeltas();
  const conversion = new Conversion();
  let day = Number.NaN;
  const previous = Buffer.alloc(16);
  let started = false;
  const endConversion = () => {
    if (conversion.campaigns.length > 0) conversion.addTo(deltas);
    conversion.clear();
  };
  await readBinaryCopy(client, sql, 5, (buf, at, len) => {
    for (let f = 0; f < 5; f++) if (len[f]! < 0) throw new Error('a conversion × touch pair with a null field');
    const rowDay = buf.readInt32BE(at[F.Day]!);
    const conv = at[F.Conversion]!;
    if (!started || buf.compare(previous, 0, 16, conv, conv + 16) !== 0) {
      endConversion();
      buf.copy(previous, 0, conv, conv + 16);
      if (started && rowDay !== day) deltas.take(dateText(day), lines);
      day = rowDay;
      started = true;
    }
    conversion.campaigns.push(buf.toString('hex', at[F.Campaign]!, at[F.Campaign]! + 16));
    const age = buf.readInt32BE(at[F.Age]!);
    // attr_ct keeps touches within the longest lookback; the typed arrays above hold no other age.
    if (age < 0 || age > MAX_LOOKBACK_DAYS) throw new Error(`a touch ${age} days before its conversion`);
    conversion.ages.push(age);
    conversion.high.push(buf.readInt32BE(at[F.Touched]!));
    conversion.low.push(buf.readUInt32BE(at[F.Touched]! + 4));
  });
  endConversion();
  if (started) deltas.take(dateText(day), lines);

  const copy = openCopy(client, table, ['model', 'campaign_id', 'day', 'ages', 'cum']);
  try {
    for (const line of lines) await copy.write(line);
    await copy.end();
  } catch (error) {
    await copy.abort('the ROI steps could not be written');
    throw error;
  }
  return lines.length;
}
