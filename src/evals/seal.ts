import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { listEvalFiles, SEAL_FILE } from "./load-suites.js";

/** `<evals.dir>/.jig-seal.json`: what the suites looked like when a human sealed them. */
export interface Seal {
  schema: "jig.eval-seal/v1";
  sealedBy: string;
  sealedAt: string;
  /** POSIX path relative to evals.dir → `sha256:<hex>`. */
  files: Record<string, string>;
}

/** How the files on disk differ from the seal. Empty lists mean they match. */
export interface SealDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

export function sha256(content: string | Buffer): string {
  return `sha256:${createHash("sha256").update(content).digest("hex")}`;
}

/** Build a seal from file hashes. Pure. */
export function createSeal(files: Record<string, string>, sealedBy: string, sealedAt: Date): Seal {
  const sorted: Record<string, string> = {};
  for (const path of Object.keys(files).sort()) sorted[path] = files[path] as string;
  return { schema: "jig.eval-seal/v1", sealedBy, sealedAt: sealedAt.toISOString(), files: sorted };
}

/** Compare a seal with the hashes on disk. Pure. */
export function compareSeal(seal: Seal, actual: Record<string, string>): SealDiff {
  const diff: SealDiff = { added: [], removed: [], changed: [] };
  for (const [path, hash] of Object.entries(actual)) {
    const sealed = seal.files[path];
    if (sealed === undefined) diff.added.push(path);
    else if (sealed !== hash) diff.changed.push(path);
  }
  for (const path of Object.keys(seal.files))
    if (actual[path] === undefined) diff.removed.push(path);
  return diff;
}

/** Hash every file in `dir` (suites and their fixtures; not `.git/` or the seal). */
export async function hashEvalFiles(dir: string): Promise<Record<string, string>> {
  const files = await listEvalFiles(dir);
  const hashes: Record<string, string> = {};
  await Promise.all(
    files.map(async (file) => {
      hashes[file] = sha256(await readFile(join(dir, file)));
    }),
  );
  return hashes;
}

/** Parse a seal file's text; `undefined` when it is not a seal. */
export function parseSeal(text: string): Seal | undefined {
  try {
    const value = JSON.parse(text) as Partial<Seal>;
    if (
      value.schema !== "jig.eval-seal/v1" ||
      typeof value.files !== "object" ||
      value.files === null
    )
      return undefined;
    return value as Seal;
  } catch {
    return undefined;
  }
}

export type SealState = { state: "missing" } | { state: "invalid" } | { state: "ok"; seal: Seal };

/** Read `<dir>/.jig-seal.json`: `missing`, `invalid`, or the seal. */
export async function readSeal(dir: string): Promise<SealState> {
  let text: string;
  try {
    text = await readFile(join(dir, SEAL_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw error;
  }
  const seal = parseSeal(text);
  return seal ? { state: "ok", seal } : { state: "invalid" };
}

/** Seal `dir` now: hash its files and write `.jig-seal.json`. */
export async function writeSeal(dir: string, sealedBy: string, now: Date): Promise<Seal> {
  const seal = createSeal(await hashEvalFiles(dir), sealedBy, now);
  await writeFile(join(dir, SEAL_FILE), `${JSON.stringify(seal, null, 2)}\n`);
  return seal;
}

/**
 * One line saying how the suites differ from their seal, or undefined when
 * there is no seal or they match. `jig eval run` still runs a drifted suite
 * (the person editing it wants to see it run) but says so first.
 */
export async function describeSealDrift(
  dir: string,
  shownDir: string,
): Promise<string | undefined> {
  const [state, actual] = await Promise.all([readSeal(dir), hashEvalFiles(dir)]);
  if (state.state === "missing") return undefined;
  if (state.state === "invalid")
    return `warning: ${shownDir}/${SEAL_FILE} is not a jig seal; these results prove nothing until a person re-seals with 'jig eval seal'`;
  const diff = compareSeal(state.seal, actual);
  const drift = [
    ...diff.changed.map((path) => `changed ${path}`),
    ...diff.added.map((path) => `added ${path}`),
    ...diff.removed.map((path) => `removed ${path}`),
  ];
  if (drift.length === 0) return undefined;
  return `warning: the suites in ${shownDir} no longer match the seal ${state.seal.sealedBy} made at ${state.seal.sealedAt} (${drift.join(", ")}); running them anyway. The gate fails on this (JIG-H002) until a person re-seals with 'jig eval seal'.`;
}
