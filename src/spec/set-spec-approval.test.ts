import { describe, expect, it } from "vitest";
import { DRAFT_SPEC } from "../test-support/approved-spec.js";
import { lintSpec } from "./lint-spec.js";
import { parseSpec } from "./parse-spec.js";
import { setSpecApproval } from "./set-spec-approval.js";
import { specContentHash } from "./spec-content-hash.js";

const by = "Dana Demo <dana@example.com>";
const at = "2025-03-04T05:06:07.000Z";

describe("setSpecApproval", () => {
  it("sets the status and writes who, when and the content hash under it", () => {
    const { text, approval } = setSpecApproval(DRAFT_SPEC, { by, at });
    expect(approval).toEqual({ by, at, hash: specContentHash(DRAFT_SPEC) });
    expect(text).toBe(
      DRAFT_SPEC.replace(
        "status: draft\n",
        `status: approved\napproval:\n  by: "${by}"\n  at: "${at}"\n  hash: "${approval.hash}"\n`,
      ),
    );
    const { spec } = parseSpec(text, "specs/SPEC-0001-cap-refunds.md");
    expect(spec?.approval).toEqual(approval);
    expect(spec ? lintSpec(spec) : ["unparsed"]).toEqual([]);
  });

  it("replaces an earlier record instead of adding a second one", () => {
    const first = setSpecApproval(DRAFT_SPEC, { by: "Old <old@example.com>", at }).text;
    const edited = first.replace("50000 cents or less", "40000 cents or less");
    const { text, approval } = setSpecApproval(edited, { by, at });
    expect(text.match(/approval:/g)).toHaveLength(1);
    expect(text).not.toContain("Old <old@example.com>");
    expect(approval.hash).toBe(specContentHash(edited));
    expect(approval.hash).not.toBe(specContentHash(DRAFT_SPEC));
  });

  it("keeps CRLF line endings, a trailing status line and quotes in a name", () => {
    const crlf = "---\r\nid: SPEC-0001\r\nowner: o\r\nstatus: draft\r\n---\r\nbody\r\n";
    const name = 'Zoë "Z" Example <z@example.com>';
    const { text, approval } = setSpecApproval(crlf, { by: name, at, status: "implemented" });
    expect(text).toBe(
      `---\r\nid: SPEC-0001\r\nowner: o\r\nstatus: implemented\r\napproval:\r\n  by: "Zoë \\"Z\\" Example <z@example.com>"\r\n  at: "${at}"\r\n  hash: "${approval.hash}"\r\n---\r\nbody\r\n`,
    );
    expect(specContentHash(text)).toBe(approval.hash);
  });
});
