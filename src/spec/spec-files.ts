import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Problem } from "../core/problem.js";
import { SPEC_RULES } from "./lint-spec.js";
import { parseSpec } from "./parse-spec.js";
import type { Spec } from "./spec.js";

/** A spec file as read from disk: its text, and the spec when it parsed. */
export interface SpecFile {
  /** Absolute path. */
  absPath: string;
  /** Path relative to the repo root, POSIX separators; what problems name. */
  path: string;
  text?: string;
  spec?: Spec;
  problems: Problem[];
}

/**
 * Read and parse one spec file. An unreadable file becomes a `JIG-S000`
 * problem rather than a throw, so `jig spec lint a b c` reports every file.
 */
export async function readSpecFile(absPath: string, repoRoot: string): Promise<SpecFile> {
  const path = toRepoPath(absPath, repoRoot);
  let text: string;
  try {
    text = await readFile(absPath, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return {
      absPath,
      path,
      problems: [
        {
          code: SPEC_RULES.unreadable,
          path,
          message: `cannot read the file (${reason}); check the path and its permissions`,
          severity: "error",
        },
      ],
    };
  }
  const { spec, problems } = parseSpec(text, path);
  return spec ? { absPath, path, text, spec, problems } : { absPath, path, text, problems };
}

/**
 * Absolute paths of the spec files in the specs folder: `SPEC-*.md`, sorted.
 * Other markdown (a README) is ignored. A missing folder means no specs.
 */
export async function listSpecFiles(repoRoot: string, specsDir: string): Promise<string[]> {
  const dir = resolve(repoRoot, specsDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .filter((name) => /^SPEC-.*\.md$/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Read every spec in the specs folder. Unparsable files contribute problems, not specs. */
export async function loadSpecs(
  repoRoot: string,
  specsDir: string,
): Promise<{ specs: Spec[]; problems: Problem[]; files: SpecFile[] }> {
  const files = await Promise.all(
    (await listSpecFiles(repoRoot, specsDir)).map((absPath) => readSpecFile(absPath, repoRoot)),
  );
  return {
    specs: files.flatMap((file) => (file.spec ? [file.spec] : [])),
    problems: files.flatMap((file) => file.problems),
    files,
  };
}

/**
 * Where the spec with this id lives: by file name first (cheap), then by
 * the id inside each file, in case a file was renamed by hand.
 */
export async function findSpecPath(
  repoRoot: string,
  specsDir: string,
  id: string,
): Promise<string | undefined> {
  const files = await listSpecFiles(repoRoot, specsDir);
  const prefix = id.toUpperCase();
  const byName = files.find((file) => {
    const name = file.slice(file.lastIndexOf(sep) + 1).toUpperCase();
    return name.startsWith(`${prefix}-`) || name === `${prefix}.MD`;
  });
  if (byName) return byName;
  for (const file of files) {
    const read = await readSpecFile(file, repoRoot);
    if (read.spec?.id === id) return file;
  }
  return undefined;
}

/** Repo-relative POSIX path, the form specs and problems carry. */
export function toRepoPath(absPath: string, repoRoot: string): string {
  return relative(repoRoot, absPath).split(sep).join("/");
}
