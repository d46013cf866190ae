import { describe, expect, it } from "vitest";
import { attributeCommit } from "./agent-identity.js";

const person = "Dana Lead <dana@example.com>";
const commit = (trailers: Array<[string, string]>, author = person, committer = person) => ({
  author,
  committer,
  trailers: trailers.map(([key, value]) => ({ key, value })),
});

describe("attributeCommit", () => {
  it("finds jig's Agent: trailer", () => {
    expect(attributeCommit(commit([["Agent", "coder"]]))).toEqual({
      agent: "coder",
      evidence: "Agent: coder",
    });
  });

  it.each([
    ["Co-Authored-By", "Claude <noreply@anthropic.com>", "Claude"],
    ["Co-authored-by", "Claude Opus 4.6 (1M context) <noreply@anthropic.com>", "Claude"],
    ["Co-authored-by", "aider (openai/gpt-4o) <noreply@aider.chat>", "aider"],
    ["Co-Authored-By", "opencode <noreply@opencode.ai>", "opencode"],
    ["Co-authored-by", "Copilot <175728472+Copilot@users.noreply.github.com>", "Copilot"],
    ["Assisted-by", "claude-code/claude-sonnet-4-6", "claude-code/claude-sonnet-4-6"],
  ])("finds %s: %s", (key, value, agent) => {
    expect(attributeCommit(commit([[key, value]]))?.agent).toBe(agent);
  });

  it("finds agents by author or committer: aider's suffix, bots, and governance.agentIdentities", () => {
    expect(attributeCommit(commit([], "Dana Lead (aider) <dana@example.com>"))?.agent).toBe(
      "aider",
    );
    expect(
      attributeCommit(
        commit([], person, "devin-ai-integration[bot] <158243242+devin@users.noreply.github.com>"),
      )?.agent,
    ).toBe("Devin");
    const listed = ["ci-bot@acme.example"];
    expect(attributeCommit(commit([], "CI Bot <ci-bot@acme.example>"), listed)?.evidence).toMatch(
      /author CI Bot <ci-bot@acme.example> \(governance.agentIdentities\)/,
    );
    expect(
      attributeCommit(commit([], person, "Night Agent <n@acme.example>"), ["Night Agent"]),
    ).toMatchObject({ agent: "Night Agent" });
  });

  it("leaves people's commits alone, human co-authors included", () => {
    expect(attributeCommit(commit([]))).toBeUndefined();
    expect(
      attributeCommit(commit([["Co-authored-by", "Sam Pair <sam@example.com>"]])),
    ).toBeUndefined();
    expect(
      attributeCommit(
        commit([
          ["Signed-off-by", person],
          ["Agent", "  "],
        ]),
      ),
    ).toBeUndefined();
    // A person named Claude is not Claude Code.
    expect(attributeCommit(commit([], "Claude Monet <claude@example.com>"))).toBeUndefined();
  });
});
