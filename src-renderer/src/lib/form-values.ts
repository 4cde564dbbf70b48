/** What every form (campaigns, budgets, settings) needs to read an entry and to know whether it can be sent. */

/** "1,200,000", "¥1,200,000" and "1200000" are the same amount; anything else is not a number. */
export function parseAmount(text: string): number | null {
  const cleaned = text
    .normalize('NFKC')
    .trim()
    .replace(/^[¥$€£]/, '')
    .replace(/[,\s]/g, '')
    .replace(/円$/, '');
  if (cleaned === '' || !/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** Whether a form's error map holds any error. */
export function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}
