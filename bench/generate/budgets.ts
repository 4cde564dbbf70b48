/**
 * Spending lines per campaign, written the ways Japanese budget sheets write
 * money: `¥120,000`, `120,000円`, bare `120000`, and a few SaaS/ad invoices in
 * USD (`1,250.00` with currency USD). The campaign's planned total is set from
 * them (a bit above what was spent), so budgets.csv and campaigns.csv agree.
 */
import type { Campaign } from './campaigns';
import type { BudgetCategory } from '../../src-shared/budget-categories';
import type { Rng } from './rng';
import { DAY, formatDate, formatSlashDate } from './time';

type Category = BudgetCategory;

/** [category, memo, min JPY, max JPY, usd?] */
type Line = readonly [Category, string, number, number, boolean?];

const lines: Record<Campaign['channel'], readonly Line[]> = {
  event: [
    ['venue', '会場費', 80_000, 300_000],
    ['production', 'ノベルティ (ステッカー・Tシャツ)', 40_000, 150_000],
    ['labor', '運営スタッフ人件費', 100_000, 300_000],
    ['other', '懇親会 飲食費', 30_000, 120_000],
  ],
  content: [
    ['labor', '記事執筆 (外部ライター)', 80_000, 250_000],
    ['production', '図版・サムネイル制作', 20_000, 80_000],
  ],
  ads: [
    ['ad', 'X 広告 出稿費', 200_000, 1_200_000],
    ['ad', 'X Ads invoice', 1_000, 6_000, true],
    ['production', 'バナー制作', 30_000, 120_000],
  ],
  hackathon: [
    ['venue', '会場費', 150_000, 400_000],
    ['production', '賞品・ノベルティ', 100_000, 300_000],
    ['tool', 'Cloud credits', 500, 3_000, true],
    ['labor', 'メンター謝礼', 100_000, 300_000],
  ],
  webinar: [
    ['tool', 'Webinar tool subscription', 150, 600, true],
    ['labor', '登壇者謝礼', 30_000, 100_000],
  ],
  newsletter: [
    ['tool', 'Email delivery service', 100, 400, true],
    ['labor', '編集', 30_000, 80_000],
  ],
  conference: [
    ['venue', '会場費 (ホール)', 800_000, 2_000_000],
    ['production', '映像収録・配信', 300_000, 900_000],
    ['ad', '告知広告', 200_000, 600_000],
    ['labor', '運営スタッフ人件費', 300_000, 800_000],
    ['other', '登壇者 交通費・宿泊費', 100_000, 300_000],
  ],
};

const yen = (n: number) => n.toLocaleString('en-US');
const USD_RATE = 150;

export const budgetHeader = ['campaign', 'category', 'amount', 'currency', 'spent_at', 'memo', 'source'] as const;

/** Budget rows for all campaigns; fills each campaign's `budgetTotal` as a side effect. */
export function budgetRows(rng: Rng, campaigns: Campaign[]): string[][] {
  const rows: string[][] = [];
  for (const c of campaigns) {
    let planned = 0;
    for (const [category, memo, min, max, usd] of lines[c.channel]) {
      const spentAt = c.start + rng.int(0, Math.max(1, Math.round((c.end - c.start) / DAY))) * DAY;
      const date = rng.chance(0.7) ? formatDate(spentAt) : formatSlashDate(spentAt);
      const source = rng.pick(['freee', 'spreadsheet', 'spreadsheet', '']);
      if (usd) {
        const cents = rng.int(min * 100, max * 100);
        planned += (cents / 100) * USD_RATE;
        rows.push([c.name, category, `${yen(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, '0')}`, 'USD', date, memo, source]);
        continue;
      }
      // Round to 1,000 yen, as quotes are.
      const amount = Math.round(rng.int(min, max) / 1000) * 1000;
      planned += amount;
      const form = rng.next();
      const written = form < 0.5 ? `¥${yen(amount)}` : form < 0.7 ? `${yen(amount)}円` : String(amount);
      // The currency column is often left blank: JPY is the default.
      rows.push([c.name, category, written, rng.chance(0.6) ? 'JPY' : '', date, memo, source]);
    }
    c.budgetTotal = Math.ceil((planned * 1.1) / 10_000) * 10_000;
  }
  return rows;
}
