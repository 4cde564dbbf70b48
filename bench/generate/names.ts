/**
 * Name pools for fictional people and companies. Every romanisation in a list
 * is distinct: emails and handles are built from them, and people.ts relies
 * on (family, given) → address being one-to-one inside a company.
 * Company domains only ever use the reserved `.example` / `example.jp` /
 * `example.com` names (RFC 2606, JPRS), never a real company's domain.
 */

export interface NamePart {
  kanji: string;
  romaji: string;
  /** Other spellings of the same name seen in real registries (髙橋 for 高橋, 渡邊 for 渡辺). */
  variants?: readonly string[];
}

const parts = (text: string): NamePart[] =>
  text
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [kanji = '', romaji = '', ...variants] = entry.split(':');
      return variants.length > 0 ? { kanji, romaji, variants } : { kanji, romaji };
    });

// kanji:romaji[:variant…]; variants carry the characters (髙, 﨑, 邊, 齋) that
// break naive Shift_JIS handling, which is exactly what the import must survive.
export const japaneseFamilies = parts(`
  佐藤:sato 鈴木:suzuki 高橋:takahashi:髙橋 田中:tanaka 伊藤:ito 渡辺:watanabe:渡邊:渡邉 山本:yamamoto
  中村:nakamura 小林:kobayashi 加藤:kato 吉田:yoshida 山田:yamada 佐々木:sasaki 山口:yamaguchi
  松本:matsumoto 井上:inoue 木村:kimura 林:hayashi 斎藤:saito:齋藤:齊藤 清水:shimizu 山崎:yamazaki:山﨑
  森:mori 池田:ikeda 橋本:hashimoto 阿部:abe 石川:ishikawa 山下:yamashita 中島:nakajima 石井:ishii
  小川:ogawa 前田:maeda 岡田:okada 長谷川:hasegawa 藤田:fujita 後藤:goto 近藤:kondo 村上:murakami
  遠藤:endo 青木:aoki 坂本:sakamoto 福田:fukuda 太田:ota 西村:nishimura 藤井:fujii 金子:kaneko
  岡本:okamoto 藤原:fujiwara 中野:nakano 三浦:miura 原田:harada 松田:matsuda 竹内:takeuchi
  小野:ono 田村:tamura 宮崎:miyazaki:宮﨑 高木:takagi:髙木 柴田:shibata 岩崎:iwasaki:岩﨑 上田:ueda
  酒井:sakai 工藤:kudo 野口:noguchi 菅原:sugawara 市川:ichikawa
`);

export const japaneseGivenNames = parts(`
  健太:kenta 翔太:shota 大輔:daisuke 拓也:takuya 直樹:naoki 亮:ryo 悠斗:yuto 蓮:ren 大翔:hiroto
  湊:minato 颯太:sota 翼:tsubasa 健一:kenichi 誠:makoto 隆:takashi 浩二:koji 和也:kazuya 雄一:yuichi
  智也:tomoya 美咲:misaki 陽菜:hina 結衣:yui さくら:sakura 葵:aoi 彩:aya 真由美:mayumi 恵:megumi
  由美:yumi 麻衣:mai 愛:ai 優子:yuko 奈々:nana 里奈:rina 千尋:chihiro 香織:kaori 明美:akemi
  沙織:saori 遥:haruka 理沙:risa 友美:tomomi
`);

export const englishFirstNames = `
  emily james olivia liam sophia noah ava lucas mia ethan amelia daniel harper michael grace
  david chloe ryan hannah kevin laura brian sarah jason rachel
`
  .trim()
  .split(/\s+/);

export const englishLastNames = `
  smith johnson williams brown jones garcia miller davis wilson anderson taylor thomas moore
  martin jackson thompson white harris clark lewis walker young allen wright scott
`
  .trim()
  .split(/\s+/);

/** Company name halves: Japanese (display, romaji for the domain) and English. */
export const japaneseOrgWords = parts(`
  みらい:mirai ひかり:hikari さくら:sakura あおば:aoba みどり:midori 東都:toto 北斗:hokuto しおさい:shiosai
  浪速:naniwa 湘南:shonan こもれび:komorebi 青空:aozora 新星:shinsei 銀河:ginga 若葉:wakaba ゆうなぎ:yunagi
`);
export const japaneseOrgKinds = parts(`
  クラウド:cloud データ:data ネット:net テック:tech ソフト:soft システム:system ラボ:lab
  ソリューションズ:solutions デジタル:digital ワークス:works
`);
export const englishOrgWords = `
  Blue North Bright Cedar Delta Echo Falcon Harbor Iron Lumen Maple Nimbus Orbit Pixel Quartz River
`
  .trim()
  .split(/\s+/);
export const englishOrgKinds = `Works Soft Data Labs Systems Cloud Logic Stack Forge Byte`.trim().split(/\s+/);

export const freeMailDomains = ['gmail.com', 'yahoo.co.jp', 'outlook.com', 'icloud.com'] as const;

export const jobTags = ['backend', 'frontend', 'mobile', 'infra', 'data', 'ml', 'sre', 'student', 'cto', 'pm'] as const;

export const userAgents = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
] as const;

export const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
