/**
 * Physical line ends as the import counts them (its line numbers, the
 * preview's first bad line): CRLF, CR and LF end one line each.
 */
export function countLineBreaks(text: string, end: number = text.length): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) n++;
    else if (ch === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}
