/**
 * Rules written once as SQL text for set-based modules (the merged-away rule,
 * the identity folds) take the SQL text of the expression they apply to, e.g.
 * `MERGED_AWAY_SQL('d.developer_id')`. `applied` lets the query builder use
 * the same rule on a column or a parameter, so that there is no second copy.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

const HOLE = '\u0000';

/** `rule` applied to `expr` (a column, a parameter, any SQL); the rule must use its argument once. */
export function applied(rule: (expr: string) => string, expr: SQLWrapper): SQL {
  const parts = rule(HOLE).split(HOLE);
  if (parts.length !== 2) throw new Error(`applied: the rule must use its argument once, not ${parts.length - 1} times`);
  return sql`${sql.raw(parts[0]!)}${expr}${sql.raw(parts[1]!)}`;
}
