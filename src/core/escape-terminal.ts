/**
 * Characters that could hide, reorder or forge what a terminal shows as
 * `\u{…}`: C0 and C1 controls (ESC starts every colour, cursor and title
 * sequence), zero-width and bidirectional marks, line and paragraph
 * separators. Tab and newline survive unless `oneLine`, where a forged
 * newline would fake a record of its own.
 *
 * @example
 * escapeTerminal("ok\u001b[2K\rDENY") // "ok\\u{1b}[2K\\u{d}DENY"
 */
export function escapeTerminal(text: string, options: { oneLine?: boolean } = {}): string {
  const pattern = options.oneLine ? ONE_LINE : MULTI_LINE;
  return text.replace(pattern, (char) => `\\u{${(char.codePointAt(0) as number).toString(16)}}`);
}

const MULTI_LINE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
