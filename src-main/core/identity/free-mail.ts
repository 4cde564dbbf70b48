/**
 * Mail providers anyone can sign up with: sharing one says nothing about a
 * person (merge suggestions) or an employer (organizations from email
 * domains). The one list for the whole app.
 */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'yahoo.co.jp',
  'yahoo.com',
  'outlook.com',
  'outlook.jp',
  'hotmail.com',
  'icloud.com',
  'me.com',
  'live.jp',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'softbank.ne.jp',
  'qq.com',
  '163.com',
];
