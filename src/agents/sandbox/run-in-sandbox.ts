import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STATUS_FD } from "../sandbox.js";
import { applyOverlayChanges } from "./apply-overlay-changes.js";
import { collectOverlayChanges, parseMergedListing } from "./collect-overlay-changes.js";
import { type ChangeRules, judgeChanges } from "./judge-changes.js";
import type { DiscardedChange, OverlayChange } from "./overlay-change.js";
import { unixSocketFilter } from "./unix-socket-filter.js";

/** What a sandboxed run came to. */
export type SandboxOutcome =
  | { kind: "not-started"; reason: string }
  /** The sandbox ran but ended before listing its changes (e.g. a signal): none were applied. */
  | { kind: "interrupted"; exitCode: number }
  | {
      kind: "finished";
      /** The command's own exit code (128 + signal when killed). */
      exitCode: number;
      applied: OverlayChange[];
      discarded: DiscardedChange[];
      /** Changes judged in scope that could not be applied (e.g. a parent replaced by a symlink). */
      failed: OverlayChange[];
    };

export interface SandboxRequest {
  bwrap: string;
  args: readonly string[];
  rules: ChangeRules;
  network: boolean;
  repoRoot: string;
  /** The environment for the helpers around bubblewrap (only PATH is used). */
  path: string | undefined;
}

/**
 * Mounts an overlay over the repository inside a fresh (unprivileged) user
 * and mount namespace, runs bubblewrap in it, then lists the merged view of
 * every folder the upper layer touched, for `collectOverlayChanges`. The
 * overlay's upper layer sits under the sandbox's hidden /tmp, out of its reach.
 */
const OVERLAY_SCRIPT = [
  "repo=$1 upper=$2 work=$3 listing=$4; shift 4",
  'mount -t overlay overlay -o "lowerdir=$repo,upperdir=$upper,workdir=$work,userxattr" "$repo" || exit 125',
  '"$@"',
  "status=$?",
  `cd "$upper" && find . -type d -exec sh -c 'for d; do printf "D %s\\0" "$d"; find "$0/$d" -mindepth 1 -maxdepth 1 -printf "%f\\0"; done' "$repo" {} + > "$listing"`,
  'exit "$status"',
].join("\n");

/**
 * Run bubblewrap with `args` so that every write lands in an overlay, then
 * apply to the real tree only the changes `rules` allow; the rest (protected
 * paths, nested `.git`, escalate.files, anything outside files.write) is
 * discarded and returned. A sandbox that cannot start (no user namespaces,
 * no overlayfs) is reported, never run weaker.
 */
export async function runInSandbox(request: SandboxRequest): Promise<SandboxOutcome> {
  if (/[,:\\]/.test(request.repoRoot)) {
    return {
      kind: "not-started",
      reason: `the repository path ${request.repoRoot} holds ',', ':' or '\\', which an overlay mount cannot name`,
    };
  }
  const scratch = mkdtempSync(join(tmpdir(), "jig-run-"));
  const upper = join(scratch, "upper");
  const work = join(scratch, "work");
  const listing = join(scratch, "listing");
  mkdirSync(upper);
  mkdirSync(work);
  try {
    const { code, status, spawnError } = await spawnSandbox(request, [
      request.repoRoot,
      upper,
      work,
      listing,
    ]);
    if (spawnError)
      return { kind: "not-started", reason: `cannot run unshare (util-linux): ${spawnError}` };
    if (code === 125 && !status.includes("child-pid")) {
      return {
        kind: "not-started",
        reason: "cannot mount an overlay over the repository in a user namespace",
      };
    }
    if (!status.includes("child-pid")) {
      return {
        kind: "not-started",
        reason:
          "bubblewrap could not create a user namespace with every capability dropped (see its message above)",
      };
    }
    const exit = /"exit-code":\s*(\d+)/.exec(status);
    const exitCode = exit?.[1] !== undefined ? Number(exit[1]) : code;
    let listingText: string;
    try {
      listingText = readFileSync(listing, "utf8");
    } catch {
      // Interrupted before the sandbox could list its view: without it
      // deletions cannot be told apart, so nothing is applied.
      return { kind: "interrupted", exitCode };
    }
    const merged = parseMergedListing(listingText);
    const changes = collectOverlayChanges(upper, request.repoRoot, merged);
    const verdict = judgeChanges(changes, request.rules);
    const failed = applyOverlayChanges(request.repoRoot, verdict.apply);
    return {
      kind: "finished",
      exitCode,
      applied: verdict.apply.filter((change) => !failed.includes(change)),
      discarded: verdict.discard,
      failed,
    };
  } finally {
    removeScratch(scratch);
  }
}

function spawnSandbox(
  request: SandboxRequest,
  scriptArgs: string[],
): Promise<{ code: number; status: string; spawnError?: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      "unshare",
      [
        "--user",
        "--map-root-user",
        "--mount",
        "--",
        "sh",
        "-c",
        OVERLAY_SCRIPT,
        "sh",
        ...scriptArgs,
        request.bwrap,
        ...request.args,
      ],
      {
        stdio: ["inherit", "inherit", "inherit", request.network ? "ignore" : "pipe", "pipe"],
        env: request.path === undefined ? {} : { PATH: request.path },
      },
    );
    let status = "";
    child.stdio[STATUS_FD]?.on("data", (chunk: Buffer) => {
      status += chunk.toString("utf8");
    });
    const seccomp = child.stdio[3];
    if (!request.network && seccomp && "end" in seccomp) {
      seccomp.on("error", () => {}); // the sandbox may die before reading it
      seccomp.end(unixSocketFilter());
    }
    child.on("error", (error) => resolve({ code: 127, status, spawnError: error.message }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), status }));
  });
}

/** The overlay's work folder holds a mode-0 folder; open it up before removing. */
function removeScratch(scratch: string): void {
  try {
    const work = join(scratch, "work");
    for (const name of readdirSync(work)) chmodSync(join(work, name), 0o700);
  } catch {
    // nothing to open up
  }
  rmSync(scratch, { recursive: true, force: true });
}
