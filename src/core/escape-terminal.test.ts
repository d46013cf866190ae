import { describe, expect, it } from "vitest";
import { escapeTerminal } from "./escape-terminal.js";

describe("escapeTerminal", () => {
  it("escapes what could forge or hide terminal output", () => {
    expect(escapeTerminal("ok\u001b[2K\rDENY")).toBe("ok\\u{1b}[2K\\u{d}DENY");
    expect(escapeTerminal("a\u202eb\u200bc\u009bd")).toBe("a\\u{202e}b\\u{200b}c\\u{9b}d");
    expect(escapeTerminal("plain text, ünïcödé")).toBe("plain text, ünïcödé");
  });

  it("keeps tabs and newlines, unless the output is one line per record", () => {
    expect(escapeTerminal("a\tb\nc")).toBe("a\tb\nc");
    expect(escapeTerminal("a\tb\nc", { oneLine: true })).toBe("a\\u{9}b\\u{a}c");
  });
});
