/**
 * How the app folds what identifies a person, written once in TypeScript and
 * in SQL (set-based code folds whole tables in the database): imports,
 * developer search, merge suggestions, merges and organizations all fold
 * through here. Japanese spreadsheets mix full-width and half-width
 * characters freely, so every fold starts with NFKC (`ＴＡＲＯ` → `TARO`,
 * `ﾀﾛｳ` → `タロウ`, `＠` → `@`).
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/** Case and width folded: NFKC, lower-cased (`ＡＣＭＥ` → `acme`). */
export const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** `fold` in SQL. */
export const foldSql = (expr: string): string => `lower(normalize(${expr}, NFKC))`;

/**
 * `foldSql` with searchKeySql's shortcut, for set-based writers that fold every developer (merge
 * keys): NFKC leaves ASCII alone, so ASCII-only values (octet length = character length in UTF-8)
 * are only lower-cased. Same result as foldSql on every text; not for a query's side, where an
 * expression must stay foldSql's to match what it compares with.
 */
export const foldAsciiFastSql = (expr: string): string =>
  `(case when octet_length(${expr}) = char_length(${expr}) then lower(${expr}) else ${foldSql(expr)} end)`;

/** `foldSql` for the query builder: the same fold around a column or expression of a Drizzle query. */
export const foldOf = (expr: SQLWrapper): SQL => {
  const [before, after] = foldSql('\u0000').split('\u0000');
  return sql`${sql.raw(before!)}${expr}${sql.raw(after!)}`;
};

/** The name key of the merge rules: folded, every space (U+3000 included) removed: `ＹＡＭＡＤＡ Taro` → `yamadataro`. */
export const nameKey = (value: string): string => fold(value).replace(/[\s\u3000]/g, '');

/** `nameKey` in SQL. */
export const nameKeySql = (expr: string): string => `regexp_replace(${foldSql(expr)}, '[[:space:]\u3000]', '', 'g')`;

/**
 * The developer search's folding, on the query side: the name key, so that
 * `ＴＡＲＯ`, `ﾀﾛｳ` and `Taro Yamada` find `taro`, `タロウ` and `taroyamada`;
 * '' when nothing is left to search for.
 */
export const searchKey = (q: string): string => nameKey(q);

/**
 * The same folding on the stored side (derived.developer_search), with a
 * shortcut: NFKC leaves ASCII alone, so ASCII-only values (octet length =
 * character length in UTF-8) skip normalize(), which costs several times
 * lower() and is most of the work over 100k developers, and lose their
 * spaces with replace() (translate() over the six ASCII white spaces costs
 * four times as much; tabs and line breaks are checked for first). Null
 * stays null.
 */
export const searchKeySql = (expr: string): string =>
  `(case when octet_length(${expr}) <> char_length(${expr}) then ${nameKeySql(expr)}
        when ${expr} ~ '[\t-\r]' then translate(lower(${expr}), E' \t\n\r\f\v', '')
        else replace(lower(${expr}), ' ', '') end)`;

/** An email as identity resolution compares it: NFKC, trimmed, lower-cased (imports store it so). */
export const emailKey = (text: string): string => text.normalize('NFKC').trim().toLowerCase();

/**
 * `emailKey` in SQL, for a value typed by a user (stored emails are already
 * folded). SQL's trim() removes only spaces; JavaScript's trim() every white
 * space NFKC leaves (tabs, line breaks, U+1680, U+2028/9, the BOM), so name them.
 */
export const emailKeySql = (expr: string): string => `lower(btrim(normalize(${expr}, NFKC), E' \t\n\r\f\v\u1680\u2028\u2029\ufeff'))`;
