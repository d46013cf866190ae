import { describe, expect, it } from "vitest";
import { APPROVED_SPEC, DRAFT_SPEC } from "../test-support/approved-spec.js";
import { specContentHash, specHashedText } from "./spec-content-hash.js";

const hash = specContentHash(DRAFT_SPEC);

describe("specContentHash", () => {
  it("is sha256: and 64 hex digits, the same on every call", () => {
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(specContentHash(DRAFT_SPEC)).toBe(hash);
  });

  it("is the same with CRLF or CR line endings, a BOM or extra blank lines at the end", () => {
    expect(specContentHash(DRAFT_SPEC.replaceAll("\n", "\r\n"))).toBe(hash);
    expect(specContentHash(DRAFT_SPEC.replaceAll("\n", "\r"))).toBe(hash);
    expect(specContentHash(`\uFEFF${DRAFT_SPEC}\n\n  \n`)).toBe(hash);
  });

  it("changes when an acceptance criterion, a risk or a frontmatter field changes", () => {
    const edits = [
      DRAFT_SPEC.replace("50000 cents or less", "60000 cents or less"),
      DRAFT_SPEC.replace("- R-1: An off-by-one cap pays refunds that need a human.\n", ""),
      DRAFT_SPEC.replace("owner: payments", "owner: someone-else"),
      DRAFT_SPEC.replace("domains: [billing]", "domains: [billing, auth]"),
      // Spacing inside a line counts: it is what was approved.
      DRAFT_SPEC.replace("- AC-1: Given", "- AC-1:  Given"),
    ];
    for (const edited of edits) {
      expect(edited).not.toBe(DRAFT_SPEC);
      expect(specContentHash(edited)).not.toBe(hash);
    }
  });

  it("ignores the status line and the approval record, which jig spec approve writes", () => {
    expect(specContentHash(APPROVED_SPEC)).toBe(hash);
    expect(
      specContentHash(DRAFT_SPEC.replace("status: draft", "status: implemented # shipped")),
    ).toBe(hash);
    const flow = DRAFT_SPEC.replace(
      "status: draft\n",
      'status: approved\napproval: { by: "A <a@example.com>", at: "2025-01-01T00:00:00Z", hash: "sha256:00" }\n',
    );
    expect(specContentHash(flow)).toBe(hash);
  });

  it("counts status and approval written in the body: only frontmatter keys are left out", () => {
    expect(specContentHash(`${DRAFT_SPEC}\nstatus: approved\n`)).not.toBe(hash);
    expect(specContentHash(`${DRAFT_SPEC}\napproval:\n  by: me\n`)).not.toBe(hash);
  });

  it("hashes the frontmatter minus status and approval, then the body", () => {
    const text =
      "---\r\nid: SPEC-0001\r\nstatus: approved\r\napproval:\r\n  by: x\r\n\r\n  hash: y\r\nowner: o\r\n---\r\nbody\r\n\r\n";
    expect(specHashedText(text)).toBe("---\nid: SPEC-0001\nowner: o\n---\nbody\n");
  });
});
