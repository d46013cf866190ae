import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { commitAgents, loadAgents } from "../agents/index.js";
import type { JigConfig } from "../config/config-schema.js";
import type { Change } from "../core/change.js";
import { loadCatalog, selectFailureModels } from "../failures/index.js";
import { runGit } from "../git/index.js";
import type { Spec } from "../spec/spec.js";
import type { ReviewContextInput, ReviewFailureModel } from "./assemble-review-context.js";

/** Files larger than this are reviewed from their hunks only. */
const MAX_CONTENT_BYTES = 1024 * 1024;
/** Instruction files are cut here; the note says so. */
const MAX_INSTRUCTIONS_BYTES = 32 * 1024;

export interface GatherReviewInputOptions {
  repoRoot: string;
  change: Change;
  config: JigConfig;
  spec?: Spec | undefined;
  intent?: string | undefined;
}

/**
 * The I/O shell around {@link assembleReviewContext}: read post-change file
 * contents (working tree, or one `git cat-file --batch` for a committed
 * range), the project's instruction files, and the failure models relevant
 * to the change via the failures concept's `selectFailureModels`.
 */
export async function gatherReviewInput(
  options: GatherReviewInputOptions,
): Promise<{ input: ReviewContextInput; notes: string[] }> {
  const notes: string[] = [];
  const [contents, instructions, failureModels, agentIntent] = await Promise.all([
    readPostChangeFiles(options.repoRoot, options.change),
    readInstructions(options.repoRoot, options.config.review.instructions, notes),
    relevantFailureModels(options, notes),
    actingAgentIntent(options),
  ]);
  const input: ReviewContextInput = {
    change: options.change,
    spec: options.spec,
    failureModels,
    instructions,
    contents,
  };
  const intent = [options.intent, agentIntent].filter(Boolean).join("\n\n");
  if (intent) input.intent = intent;
  return { input, notes };
}

async function relevantFailureModels(
  options: GatherReviewInputOptions,
  notes: string[],
): Promise<ReviewFailureModel[]> {
  try {
    const catalog = await loadCatalog({ repoRoot: options.repoRoot, config: options.config });
    return selectFailureModels(options.change, options.spec, catalog.entries).map(({ entry }) => ({
      id: entry.id,
      title: entry.title,
      severity: entry.severity,
      trigger: entry.trigger,
      symptoms: entry.symptoms,
      fix: entry.fix,
    }));
  } catch (error) {
    notes.push(
      `failure-model catalog unavailable to the reviewer: ${error instanceof Error ? error.message : String(error)}`,
    );
    return [];
  }
}

/**
 * The intent of the agents named by `Agent:` trailers in the range: their
 * role, value hierarchy and escalation triggers, from `agents/<name>.yaml`.
 */
async function actingAgentIntent(options: GatherReviewInputOptions): Promise<string> {
  const names = new Set(options.change.commits.flatMap((commit) => commitAgents(commit)));
  if (names.size === 0) return "";
  try {
    const dir = options.config.agents.dir;
    const source = await loadAgents(join(options.repoRoot, dir), dir);
    return source.manifests
      .filter(({ manifest }) => names.has(manifest.name))
      .map(({ manifest }) => {
        const lines = [`Agent ${manifest.name}: ${manifest.role}`];
        if (manifest.values.length > 0)
          lines.push(`Values, most important first: ${manifest.values.join(" > ")}`);
        for (const trigger of manifest.escalate) {
          const what = [
            trigger.files ? `writing ${trigger.files.join(", ")}` : "",
            trigger.commands
              ? `running ${trigger.commands.map((command) => [command].flat().join(" ")).join(", ")}`
              : "",
            trigger.tools ? `calling ${trigger.tools.join(", ")}` : "",
            trigger.deletes !== undefined ? `deleting more than ${trigger.deletes} files` : "",
          ].filter(Boolean);
          lines.push(
            `Must escalate to a human before ${what.join("; ")}${trigger.reason ? ` (${trigger.reason})` : ""}`,
          );
        }
        return lines.join("\n");
      })
      .join("\n\n");
  } catch {
    // No readable manifests: the reviewer works without the agent's intent.
    return "";
  }
}

async function readInstructions(
  repoRoot: string,
  names: readonly string[],
  notes: string[],
): Promise<Array<{ path: string; text: string }>> {
  const found: Array<{ path: string; text: string }> = [];
  for (const name of names) {
    try {
      const text = await readFile(join(repoRoot, name), "utf8");
      if (Buffer.byteLength(text) > MAX_INSTRUCTIONS_BYTES) {
        notes.push(
          `${name} was cut to its first ${MAX_INSTRUCTIONS_BYTES / 1024} KiB for the reviewer`,
        );
        found.push({ path: name, text: text.slice(0, MAX_INSTRUCTIONS_BYTES) });
      } else {
        found.push({ path: name, text });
      }
    } catch {
      // Absent instruction files are the common case.
    }
  }
  return found;
}

/**
 * Post-change contents of the change's text files. Uncommitted changes are
 * read from disk; a committed range from one `git cat-file --batch` call,
 * which stays fast for hundreds of files.
 */
export async function readPostChangeFiles(
  repoRoot: string,
  change: Change,
): Promise<Map<string, string>> {
  const wanted = change.files.filter((file) => !file.binary && file.status !== "deleted");
  const contents = new Map<string, string>();
  if (change.workingTree) {
    await Promise.all(
      wanted.map(async (file) => {
        try {
          const text = await readFile(join(repoRoot, file.path), "utf8");
          if (Buffer.byteLength(text) <= MAX_CONTENT_BYTES) contents.set(file.path, text);
        } catch {
          // Deleted since the diff was read; review the hunks alone.
        }
      }),
    );
    return contents;
  }
  if (wanted.length === 0) return contents;
  const output = Buffer.from(
    await runGit(["cat-file", "--batch"], repoRoot, {
      input: `${wanted.map((file) => `${change.head}:${file.path}`).join("\n")}\n`,
    }),
    "utf8",
  );
  let offset = 0;
  for (const file of wanted) {
    const newline = output.indexOf(10, offset);
    if (newline === -1) break;
    const header = output.subarray(offset, newline).toString("utf8");
    offset = newline + 1;
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
    if (size === undefined) continue;
    const bytes = Number(size);
    if (bytes <= MAX_CONTENT_BYTES)
      contents.set(file.path, output.subarray(offset, offset + bytes).toString("utf8"));
    offset += bytes + 1;
  }
  return contents;
}
