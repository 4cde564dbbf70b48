/**
 * Fictional companies, each a pure function of its index (no table kept, so
 * 25k companies cost no memory). Names and domains are one-to-one with the
 * index: two companies never share a domain, so company emails never collide.
 */
import { capitalise, englishOrgKinds, englishOrgWords, japaneseOrgKinds, japaneseOrgWords } from './names';
import { unit } from './rng';

export interface Org {
  name: string;
  domain: string;
  japanese: boolean;
  /** How the company spells addresses: `kenta.sato`, `k.sato`, `sato.kenta`, `sato_k`. */
  mailStyle: number;
}

// Regional offices make the name space large enough for any run (16·10·10·n).
const areas = [
  ['', ''],
  ['大阪', 'osaka'],
  ['名古屋', 'nagoya'],
  ['福岡', 'fukuoka'],
  ['札幌', 'sapporo'],
  ['仙台', 'sendai'],
  ['横浜', 'yokohama'],
  ['京都', 'kyoto'],
  ['神戸', 'kobe'],
  ['広島', 'hiroshima'],
] as const;

const SALT_LANG = 101;
const SALT_FORM = 102;
const SALT_STYLE = 103;

export function orgAt(seed: number, o: number): Org {
  const words = japaneseOrgWords.length;
  const kinds = japaneseOrgKinds.length;
  const base = words * kinds;
  // Scramble the first 160 (37 is coprime with 160) so that a small sample
  // gets varied names, not sixteen "…クラウド"; past them, areas tell companies apart.
  const c = o < base ? (o * 37) % base : o;
  const w = c % words;
  const k = Math.floor(c / words) % kinds;
  const rest = Math.floor(c / base);
  const [areaJa, areaRomaji] = areas[rest % areas.length] ?? ['', ''];
  const round = Math.floor(rest / areas.length);
  // Only past 1,600 companies does a number appear (e.g. "…大阪2").
  const serial = round > 0 ? String(round + 1) : '';
  const japanese = unit(seed, o, SALT_LANG) < 0.65;
  const form = unit(seed, o, SALT_FORM);
  const mailStyle = Math.floor(unit(seed, o, SALT_STYLE) * 4);
  const slugTail = `${areaRomaji ? `-${areaRomaji}` : ''}${serial}`;
  if (japanese) {
    const word = japaneseOrgWords[w];
    const kind = japaneseOrgKinds[k];
    const core = `${word?.kanji}${kind?.kanji}${areaJa}${serial}`;
    const name = form < 0.5 ? `株式会社${core}` : form < 0.85 ? `${core}株式会社` : `合同会社${core}`;
    const tld = form < 0.6 ? 'example.jp' : 'example';
    return { name, domain: `${word?.romaji}-${kind?.romaji}${slugTail}.${tld}`, japanese, mailStyle };
  }
  const word = englishOrgWords[w % englishOrgWords.length] ?? 'Blue';
  const kind = englishOrgKinds[k % englishOrgKinds.length] ?? 'Works';
  const area = areaRomaji ? ` ${capitalise(areaRomaji)}` : '';
  const core = `${word} ${kind}${area}${serial ? ` ${serial}` : ''}`;
  // ", Inc." puts a comma inside a field: the CSV writer must quote it.
  const name = form < 0.4 ? `${core}, Inc.` : form < 0.7 ? `${core} K.K.` : form < 0.85 ? `${core} Japan` : core;
  return { name, domain: `${word}${kind}${slugTail}.example.com`.toLowerCase(), japanese, mailStyle };
}
