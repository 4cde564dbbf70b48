/**
 * The one folding the developer search uses, on the stored side (SQL, when
 * derived.developer_search is written) and on the query side (TypeScript):
 * the merge rules' name key — NFKC, lower-cased, every space removed — so
 * `ＴＡＲＯ`, `ﾀﾛｳ` and `Taro Yamada` find `taro`, `タロウ` and `taroyamada`.
 */
import { normalisedSql, normaliseKey } from '../merges/rules';

/**
 * normalisedSql with a shortcut: NFKC leaves ASCII alone, so ASCII-only
 * values (octet length = character length in UTF-8) skip normalize(), which
 * costs several times lower() and is most of the work over 100k developers,
 * and lose their spaces with replace() (translate() over the six ASCII white
 * spaces costs four times as much; tabs and line breaks are checked for first).
 * Null stays null.
 */
export const searchKeySql = (expr: string): string =>
  `(case when octet_length(${expr}) <> char_length(${expr}) then ${normalisedSql(expr)}
        when ${expr} ~ '[\t-\r]' then translate(lower(${expr}), E' \t\n\r\f\v', '')
        else replace(lower(${expr}), ' ', '') end)`;

/** The query folded as the stored text is; '' when nothing is left to search for. */
export const searchKey = (q: string): string => normaliseKey(q);
