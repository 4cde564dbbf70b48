/**
 * SQL for tests that look into derived.funnel_bits, whose rows hold their
 * developers either as a bitset or as a sorted list of members
 * (src-main/core/derived/funnel-sparse.ts).
 */

/** SET clause: position 7 of the row flipped, in whichever form it is held (twice = as it was). */
export const FLIP_POSITION_7 = `bits = case when bits is not null then set_bit(bits, 7, 1 - get_bit(bits, 7)) end,
  members = case when members is null then null
                 when 7 = any(members) then array_remove(members, 7)
                 else array(select m from unnest(members || 7) m order by m) end`;

/** SQL: 1 when the row alias `b` holds chunk position `p` (an SQL expression), else 0. */
export const holdsSql = (b: string, p: string) =>
  `case when ${b}.bits is not null then get_bit(${b}.bits, ${p}) else (${p} = any(${b}.members))::int end`;
