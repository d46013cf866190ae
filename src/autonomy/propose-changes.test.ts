import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import {
  buildAutonomyStatus,
  type EvidenceEvent,
  findProposals,
  parseAutonomy,
  proposeChanges,
  unifiedDiff,
} from "./index.js";

const NOW = new Date("2026-12-05T12:00:00Z");
const TEXT = `# Granted by people.
version: 1
classes:
  # Docs have been fine for months.
  - agent: coder
    domain: docs
    mode: shadow # was blocked until June
  - {agent: fixer, domain: billing, mode: supervised, actions: [edit]}
`;

function agreeing(agent: string, domain: string, n: number): EvidenceEvent[] {
  return Array.from({ length: n }, (_, k) => ({
    at: new Date(NOW.getTime() - (k + 1) * 3_600_000).toISOString(),
    agent,
    domain,
    kind: "answer" as const,
    outcome: "agree" as const,
  }));
}

describe("proposeChanges", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("edits the class's entry and appends new ones, keeping comments, as a diff git applies", () => {
    const file = parseAutonomy(TEXT, "autonomy.yaml").autonomy;
    const status = buildAutonomyStatus({
      file,
      events: [
        ...agreeing("coder", "docs", 40),
        ...agreeing("fixer", "billing", 80),
        ...agreeing("fixer", "docs", 10),
      ],
      demotions: [],
      domains: ["billing", "docs"],
      now: NOW,
    });
    const proposals = findProposals(status);
    expect(proposals.map((p) => `${p.agent}/${p.domain} ${p.from}→${p.to}`)).toEqual([
      "coder/docs shadow→supervised",
      "fixer/billing supervised→auto-logged",
    ]);
    expect(proposals[0]?.evidence).toMatchObject({ agreements: 40, decisions: 40 });

    const change = proposeChanges(TEXT, proposals, {
      earnedWith: { coder: "anthropic:claude-sonnet-4-5", reviewer: "openai:gpt-5" },
      since: "2026-12-05T12:00:00Z",
    });
    expect(change.text).toContain("# Docs have been fine for months.");
    expect(change.text).toContain("# was blocked until June");
    const after = parseAutonomy(change.text, "autonomy.yaml").autonomy;
    expect(after?.classes).toEqual([
      {
        agent: "coder",
        domain: "docs",
        mode: "supervised",
        earnedWith: { coder: "anthropic:claude-sonnet-4-5", reviewer: "openai:gpt-5" },
        since: "2026-12-05T12:00:00Z",
      },
      { agent: "fixer", domain: "billing", mode: "supervised", actions: ["edit"] },
      {
        agent: "fixer",
        domain: "billing",
        mode: "auto-logged",
        earnedWith: { coder: "anthropic:claude-sonnet-4-5", reviewer: "openai:gpt-5" },
        since: "2026-12-05T12:00:00Z",
      },
    ]);

    // The diff is a real patch: git applies it to the old file and gets the new one.
    repo = createTempRepo("jig-propose-");
    repo.write("autonomy.yaml", TEXT);
    repo.commit("base");
    repo.write("change.patch", change.diff);
    repo.git("apply", "change.patch");
    expect(readFileSync(join(repo.dir, "autonomy.yaml"), "utf8")).toBe(change.text);
  });

  it("starts a file when there is none, and proposes nothing without evidence", () => {
    const status = buildAutonomyStatus({
      file: undefined,
      events: agreeing("coder", "docs", 80),
      demotions: [],
      domains: ["docs"],
      now: NOW,
    });
    expect(status.configured).toBe(false);
    const change = proposeChanges(undefined, findProposals(status), {
      earnedWith: {},
      since: "2026-12-05T12:00:00Z",
    });
    expect(change.diff).toMatch(
      /^--- a\/autonomy.yaml\n\+\+\+ b\/autonomy.yaml\n@@ -0,0 \+1,\d+ @@\n/,
    );
    expect(parseAutonomy(change.text, "autonomy.yaml").autonomy?.classes).toEqual([
      { agent: "coder", domain: "docs", mode: "auto-logged", since: "2026-12-05T12:00:00Z" },
    ]);
    expect(proposeChanges(TEXT, [], { earnedWith: {}, since: "x" })).toEqual({
      proposals: [],
      text: TEXT,
      diff: "",
    });
  });

  it("diffs with three lines of context and separate hunks for distant changes", () => {
    const before = `${Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n")}\n`;
    const after = before.replace("line 2\n", "line two\n").replace("line 18\n", "");
    expect(unifiedDiff(before, after, "f")).toBe(
      [
        "--- a/f",
        "+++ b/f",
        "@@ -1,5 +1,5 @@",
        " line 1",
        "-line 2",
        "+line two",
        " line 3",
        " line 4",
        " line 5",
        "@@ -15,6 +15,5 @@",
        " line 15",
        " line 16",
        " line 17",
        "-line 18",
        " line 19",
        " line 20",
        "",
      ].join("\n"),
    );
  });
});
