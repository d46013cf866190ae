/**
 * Characters that render as nothing (or reorder text) yet reach a model:
 * zero-width spaces and joiners, word joiners, the BOM, bidi overrides and
 * isolates (Trojan Source), and Unicode tag characters (ASCII smuggling).
 */
const INVISIBLE =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

export interface SanitizedText {
  text: string;
  /** Invisible characters removed. */
  invisible: number;
  /** HTML comments replaced by a placeholder. */
  htmlComments: number;
}

/**
 * Make untrusted text safe to show a model: strip invisible characters and
 * replace HTML comments (hidden in rendered Markdown, visible to a model)
 * with a visible placeholder. Pure; counts what it removed so the report
 * can flag it.
 */
export function sanitizeUntrusted(text: string): SanitizedText {
  let invisible = 0;
  let htmlComments = 0;
  const stripped = text.replace(INVISIBLE, () => {
    invisible += 1;
    return "";
  });
  const cleaned = stripped.replace(HTML_COMMENT, (comment) => {
    htmlComments += 1;
    return `[jig: HTML comment of ${comment.length} chars removed]`;
  });
  return { text: cleaned, invisible, htmlComments };
}

/** True when `text` holds characters {@link sanitizeUntrusted} would strip. */
export function hasInvisibleCharacters(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}

/** Remove invisible characters only (for matching). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}
