import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import {
  createRefundsRepo,
  reviewerConfig,
  runJigAsync,
  useReviewFixtures,
} from "./review-support.js";

const fixtures = useReviewFixtures();
let repo: TempRepo;

/**
 * A scripted coder: counts its rounds in a file, prepends a comment line to
 * src/refunds.js each round (so the finding moves and is not "unchanged"),
 * and fixes the cap on round `fixOn` (never when 0). It records what it got.
 */
const CODER = `import { readFileSync, writeFileSync, existsSync, appendFileSync } from "node:fs";
const fixOn = Number(process.argv[2] ?? 0);
const exitWith = Number(process.argv[3] ?? 0);
const touchesConfig = process.argv[4] === "config";
const round = existsSync(".jig/coder-rounds") ? Number(readFileSync(".jig/coder-rounds", "utf8")) + 1 : 1;
writeFileSync(".jig/coder-rounds", String(round));
let prompt = ""; process.stdin.on("data", (c) => (prompt += c)); process.stdin.on("end", () => {
  appendFileSync(".jig/coder-log", JSON.stringify({ round, env: process.env.JIG_PROMPT_FILE, sawFinding: prompt.includes("Refund cap is off by one"), sawSpec: prompt.includes("AC-2") }) + "\\n");
  let code = readFileSync("src/refunds.js", "utf8");
  if (fixOn > 0 && round >= fixOn) code = code.replace("amountCents < 50000", "amountCents <= 50000");
  else if (exitWith === 0) code = "// round " + round + "\\n" + code;
  writeFileSync("src/refunds.js", code);
  if (touchesConfig) appendFileSync("jig.config.yaml", "# loosened by the coder in round " + round + "\\n");
  process.exit(exitWith);
});
`;

function setup(): TempRepo {
  repo = fixtures.track(
    createRefundsRepo({
      config: reviewerConfig(fixtures.stub.openaiBaseURL),
      gitignore: ".jig/\ncoder.mjs\n",
      files: { "AGENTS.md": "Only edit src/. Never touch specs/.\n" },
    }),
  );
  repo.write("coder.mjs", CODER);
  repo.write(".jig/.keep", "");
  return repo;
}

function loop(coderArgs: string, extra: string[] = []) {
  return runJigAsync(["loop", "--coder", `node coder.mjs ${coderArgs}`, ...extra], {
    cwd: repo.dir,
    env: { OPENAI_API_KEY: "test" },
  });
}

function coderLog(): Array<{ round: number; env: string; sawFinding: boolean; sawSpec: boolean }> {
  return readFileSync(join(repo.dir, ".jig/coder-log"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("jig loop", () => {
  it("passes when the coder fixes the problem on round 2", async () => {
    setup();
    const result = await loop("2");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("check before the coder: fail");
    expect(result.stdout).toContain("round 1/5: fail");
    expect(result.stdout).toContain("round 2/5: pass");
    expect(result.stdout).toContain("the gate passes after 2 round(s)");
    const log = coderLog();
    expect(log.map((entry) => entry.round)).toEqual([1, 2]);
    expect(
      log.every((entry) => entry.sawFinding && entry.sawSpec && entry.env.endsWith(".md")),
    ).toBe(true);
    expect(existsSync(join(repo.dir, ".jig/escalations"))).toBe(false);
  });

  it("never passes a round in which the coder edited the rules: its uncommitted edits are an agent's", async () => {
    setup();
    const result = await loop("1 0 config", ["--max-iterations", "2"]);
    expect(result.code).toBe(3);
    expect(coderLog()).toHaveLength(2);
    // The cap is fixed in round 1, yet the round fails: the coder touched jig.config.yaml.
    expect(result.stdout).toContain("round 1/2: fail");
    const id = /jig loop (\S+):/.exec(result.stdout)?.[1] ?? "";
    const escalation = JSON.parse(
      readFileSync(join(repo.dir, `.jig/escalations/${id}.json`), "utf8"),
    );
    expect(
      escalation.remainingFindings.map((finding: { ruleId: string; severity: string }) => [
        finding.ruleId,
        finding.severity,
      ]),
    ).toContainEqual(["JIG-T001", "critical"]);
  });

  it("escalates after exactly 5 rounds with exit 3 when the coder never fixes it", async () => {
    setup();
    const result = await loop("0");
    expect(result.code).toBe(3);
    expect(coderLog()).toHaveLength(5);
    expect(result.stdout).toContain("round 5/5: fail");
    expect(result.stdout).toMatch(
      /escalated after 5 rounds: the gate still fails after the maximum number of rounds/,
    );
    const id = /jig loop (\S+):/.exec(result.stdout)?.[1] ?? "";
    const escalation = JSON.parse(
      readFileSync(join(repo.dir, `.jig/escalations/${id}.json`), "utf8"),
    );
    expect(escalation.reason).toBe("max-iterations");
    expect(escalation.spec.id).toBe("SPEC-0001");
    expect(escalation.rounds).toHaveLength(6);
    expect(
      escalation.rounds.slice(0, 5).map((round: { coderExitCode: number }) => round.coderExitCode),
    ).toEqual([0, 0, 0, 0, 0]);
    expect(escalation.remainingFindings[0].ruleId).toBe("SPEC-0001/AC-1");
    expect(escalation.rounds[1].diffstat).toContain("src/refunds.js");
    expect(readFileSync(join(repo.dir, `.jig/escalations/${id}.md`), "utf8")).toContain(
      "Refund cap is off by one",
    );
    const db = new Database(join(repo.dir, ".jig/jig.db"), { readonly: true });
    const row = db.prepare("SELECT reason, rounds, spec_id FROM escalations WHERE id = ?").get(id);
    // Boundary sensing: the escalation is evidence against the class that made the change.
    const evidence = db
      .prepare("SELECT agent, domain, subject FROM autonomy_events WHERE kind = 'escalation'")
      .all();
    db.close();
    expect(row).toEqual({ reason: "max-iterations", rounds: 5, spec_id: "SPEC-0001" });
    expect(evidence).toEqual([{ agent: "node", domain: "*", subject: id }]);
  });

  it("a bad JIG_CASSETTE_MODE exits 2 with one line, before any round or coder runs", async () => {
    setup();
    const result = await runJigAsync(["loop", "--coder", "node coder.mjs 2"], {
      cwd: repo.dir,
      env: {
        OPENAI_API_KEY: "test",
        JIG_CASSETTE: join(repo.dir, ".jig", "cassette.jsonl"),
        JIG_CASSETTE_MODE: "replya",
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringContaining('JIG_CASSETTE_MODE must be record or replay, got "replya"'),
    ]);
    expect(result.stdout).toBe("");
    expect(existsSync(join(repo.dir, ".jig/coder-log"))).toBe(false);
    expect(fixtures.stub.requests).toHaveLength(0);
  });

  it("escalates early when the coder command fails twice", async () => {
    setup();
    const result = await loop("0 7");
    expect(result.code).toBe(3);
    expect(coderLog()).toHaveLength(2);
    expect(result.stdout).toContain("the coder command failed twice");
  });

  it("escalates early when the same findings come back three rounds in a row", async () => {
    setup();
    repo.write(
      "coder.mjs",
      'process.stdin.resume(); process.stdin.on("end", () => process.exit(0));\n',
    );
    const result = await runJigAsync(
      ["loop", "--coder", "node coder.mjs", "--max-iterations", "9"],
      { cwd: repo.dir, env: { OPENAI_API_KEY: "test" } },
    );
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      "escalated after 3 rounds: the same findings came back unchanged three rounds in a row",
    );
  });
});
