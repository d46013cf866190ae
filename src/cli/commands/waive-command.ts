import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Command, Option } from "commander";
import { loadConfig } from "../../config/index.js";
import type { Finding } from "../../core/finding.js";
import {
  resolveStorePath,
  UsageError,
  ValidationError,
  writeFileAtomic,
} from "../../core/index.js";
import { findRepoRoot, readGitIdentity } from "../../git/index.js";
import { findRunReport, openSqliteRunStore } from "../../store/index.js";
import {
  addWaiver,
  daysUntil,
  EXPIRY_NOTICE_DAYS,
  isoDay,
  isoToday,
  parseWaivers,
  WAIVERS_FILE,
  type WaiverEntry,
  waiverNotices,
} from "../../waivers/index.js";
import type { CliContext } from "../cli-context.js";

const FINGERPRINT = /^[0-9a-f]{16}$/;
const LIST_FORMATS = ["text", "json"] as const;

interface WaiveFlags {
  reason?: string;
  expires?: string;
  owner?: string;
}

/** `jig waive`: record a person's waiver of one finding, or list the waivers due for attention. */
export function createCommand(context: CliContext): Command {
  const waive = new Command("waive")
    .description(
      `Waive one finding until a date, in ${WAIVERS_FILE} (a governance input: commit it as a person)`,
    )
    .argument("<finding>", "the finding's fingerprint, as every report prints it")
    // Checked in the action: commander would demand required options of `jig waive list` too.
    .option("--reason <text>", "why the finding does not block (required)")
    .option("--expires <YYYY-MM-DD>", "the last day the waiver applies (required)")
    .option("--owner <name>", "who answers for it (default: git user.name <user.email>)")
    .addHelpText(
      "after",
      `
The gate reads ${WAIVERS_FILE} from the trusted base, so a waiver applies once
it is committed on the base branch; a change that edits the file needs a human.
A waived finding stays in every report, marked WAIVED, and does not count
toward the verdict until its date passes.

Examples:
  jig waive 3f2a9c0d1b4e5f60 --reason "test fixture, not real SQL" --expires 2027-03-31
  jig waive list`,
    )
    .action(async (finding: string, flags: WaiveFlags) => {
      const fingerprint = finding.trim().toLowerCase();
      if (!FINGERPRINT.test(fingerprint)) {
        throw new UsageError(
          `"${finding}" is not a finding fingerprint: use the 16 hex digits a report prints beside the finding`,
          { code: "waivers/bad-fingerprint" },
        );
      }
      const reason = flags.reason?.trim() ?? "";
      if (reason === "") {
        throw new UsageError("--reason TEXT is required: say why the finding does not block", {
          code: "waivers/no-reason",
        });
      }
      if (flags.expires === undefined) {
        throw new UsageError("--expires YYYY-MM-DD is required: every waiver ends", {
          code: "waivers/no-expiry",
        });
      }
      const expires = flags.expires;
      const today = isoToday(context.now());
      checkExpiry(expires, today);
      const root = await findRepoRoot(context.cwd);
      const owner = flags.owner?.trim() || (await readGitIdentity(root));
      const found = await latestFinding(root, context.cwd, fingerprint);
      const path = join(root, WAIVERS_FILE);
      const text = existsSync(path) ? await readFile(path, "utf8") : undefined;
      const updated = addWaiver(text, {
        fingerprint,
        ...(found?.finding.ruleId ? { rule: found.finding.ruleId } : {}),
        ...(found?.finding.file ? { path: found.finding.file } : {}),
        reason,
        ...(owner ? { owner } : {}),
        expires,
        created: today,
      });
      await writeFileAtomic(path, updated);
      const what = found
        ? `${found.finding.ruleId}${found.finding.file ? ` at ${found.finding.file}` : ""}`
        : "a finding not in the latest recorded run";
      context.stdout.write(
        `waived ${fingerprint} (${what}) until ${expires} in ${WAIVERS_FILE}; commit it on the base branch for the gate to apply it\n`,
      );
    });

  waive
    .command("list")
    .description(
      `Show waivers that expired, expire within ${EXPIRY_NOTICE_DAYS} days, or match nothing in the latest run`,
    )
    .addOption(
      new Option("--format <format>", "output format").choices(LIST_FORMATS).default("text"),
    )
    .action(async (flags: { format: (typeof LIST_FORMATS)[number] }) => {
      const root = await findRepoRoot(context.cwd);
      const waivers = await readWorkingWaivers(root);
      const latest = await latestReport(root, context.cwd);
      const now = context.now();
      const notices = waiverNotices(waivers, latest?.findings, now);
      if (flags.format === "json") {
        const today = isoToday(now);
        const entries = notices.map((notice) => ({
          problem: notice.problem,
          fingerprint: notice.waiver.fingerprint,
          ...(notice.waiver.rule ? { rule: notice.waiver.rule } : {}),
          ...(notice.waiver.path ? { path: notice.waiver.path } : {}),
          expires: notice.waiver.expires,
          daysLeft: daysUntil(notice.waiver.expires, today),
          line: notice.waiver.line,
        }));
        const compared = latest ? latest.run.id : null;
        context.stdout.write(
          `${JSON.stringify({ waivers: waivers.length, comparedWithRun: compared, notices: entries }, null, 2)}\n`,
        );
        return;
      }
      const lines: string[] = [];
      if (waivers.length === 0) lines.push(`no waivers in ${WAIVERS_FILE}`);
      else {
        lines.push(
          latest
            ? `${waivers.length} waiver${waivers.length === 1 ? "" : "s"} in ${WAIVERS_FILE}, compared with the findings of run ${latest.run.id} (${latest.range.description})`
            : `${waivers.length} waiver${waivers.length === 1 ? "" : "s"} in ${WAIVERS_FILE}; no recorded run to compare with (run jig check), so matching is not checked`,
        );
        if (notices.length === 0) lines.push("none expires soon or matches nothing");
        for (const notice of notices) {
          const line = notice.waiver.line;
          lines.push(`  ${WAIVERS_FILE}:${line}  ${notice.problem.padEnd(9)}  ${notice.summary}`);
        }
      }
      context.stdout.write(`${lines.join("\n")}\n`);
    });
  return waive;
}

/** A date a waiver may end on: a real `YYYY-MM-DD`, today or later. */
function checkExpiry(expires: string, today: string): void {
  if (!isoDay.safeParse(expires).success) {
    throw new UsageError(`--expires "${expires}" is not a date: use YYYY-MM-DD, e.g. 2027-03-31`, {
      code: "waivers/bad-date",
    });
  }
  if (daysUntil(expires, today) < 0) {
    throw new UsageError(`--expires ${expires} is in the past (today is ${today})`, {
      code: "waivers/past-date",
    });
  }
}

async function readWorkingWaivers(root: string): Promise<WaiverEntry[]> {
  const path = join(root, WAIVERS_FILE);
  if (!existsSync(path)) return [];
  const { waivers, problems } = parseWaivers(await readFile(path, "utf8"), WAIVERS_FILE);
  if (!waivers) throw new ValidationError(problems);
  return waivers;
}

/** The newest recorded run's report, whose findings `jig waive` names and `list` compares with. */
async function latestReport(root: string, cwd: string) {
  const { config } = await loadConfig(root, { cwd });
  const path = resolveStorePath(root, config.store.path);
  if (!existsSync(path)) return undefined;
  const store = openSqliteRunStore(path);
  try {
    return findRunReport(store, "latest");
  } finally {
    store.close();
  }
}

async function latestFinding(
  root: string,
  cwd: string,
  fingerprint: string,
): Promise<{ finding: Finding } | undefined> {
  const report = await latestReport(root, cwd);
  const finding = report?.findings.find((candidate) => candidate.fingerprint === fingerprint);
  return finding ? { finding } : undefined;
}
