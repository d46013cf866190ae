import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { JigConfig } from "../config/index.js";
import type { Change, Problem } from "../core/index.js";
import { type AstEngine, loadAstEngine } from "./ast-engine.js";
import {
  CODE_REGEX_VERDICTS_FILE,
  type CodeRegexVerdictStore,
  openCodeRegexVerdictFile,
} from "./code-regex-verdict-file.js";
import { type CompiledDetector, compileCatalog } from "./compile-catalog.js";
import { type DetectorPlan, planDetectors } from "./detector-plan.js";
import { hasErrors, lintCatalog } from "./lint-catalog.js";
import {
  type LoadedCatalog,
  loadCatalog,
  openVerdictFile,
  SHIPPED_CATALOG_DIR,
  SHIPPED_VERDICTS_FILE,
} from "./load-catalog.js";
import { createRepoReader } from "./post-change-reader.js";
import {
  createRecheckChecker,
  REGEX_CHECKER_ID,
  type RegexSafetyChecker,
  withVerdictCache,
} from "./regex-safety.js";
import { type DetectorRun, type PostChangeReader, runDetectors } from "./run-detectors.js";

const CACHE_DIR = ".jig/cache";
/** Where the project's ReDoS verdicts are cached, relative to the repo root. */
export const VERDICT_CACHE_PATH = `${CACHE_DIR}/regex-verdicts.json`;
const LINT_CACHE_FILE = "failure-models-lint.txt";
/**
 * Bumped when lint learns a new check, so a catalog cached as clean by an
 * older jig is linted again. 2: ast patterns that do not parse.
 */
const LINT_RULES_VERSION = 2;

async function readLintCache(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch {
    return undefined;
  }
}

async function writeLintCache(path: string, key: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${key}\n`);
  } catch {
    // Read-only checkout: lint again next time.
  }
}

export interface PrepareCatalogOptions {
  /** The repository: its `.jig/cache/` holds the parse, lint and ReDoS caches. */
  repoRoot: string;
  /**
   * Where the project catalog is read (`failures.dir` below it): the gate's
   * private copy of the trusted base. Defaults to `repoRoot`.
   */
  catalogRoot?: string;
  config: JigConfig;
  cwd?: string;
  shippedDir?: string;
  /** Replaces recheck (tests). */
  checker?: RegexSafetyChecker;
  /** Skip the verdict seed and cache: check every regex afresh. */
  noCache?: boolean;
}

/** A loaded and linted catalog, ready to run when `problems` holds no error. */
export interface PreparedCatalog {
  catalog: LoadedCatalog;
  problems: Problem[];
  detectors: CompiledDetector[];
  /** The detectors planned for the runner once, however many batches of files they run on. */
  plan: DetectorPlan;
  ok: boolean;
  /** recheck's verdicts on regexes found in code, saved after each run (absent with `noCache`). */
  codeRegexVerdicts?: CodeRegexVerdictStore;
}

/**
 * The imperative shell shared by `jig failures` and the gate layer: read the
 * catalog, lint it (ReDoS verdicts cached under `.jig/cache/`, seeded with the
 * shipped catalog's verdicts), and compile the detectors once.
 */
export async function prepareCatalog(options: PrepareCatalogOptions): Promise<PreparedCatalog> {
  const cacheDir = join(options.repoRoot, CACHE_DIR);
  const catalogRoot = options.catalogRoot ?? options.repoRoot;
  const loadOptions = {
    repoRoot: catalogRoot,
    config: options.config,
    // Paths are shown (and fingerprinted) relative to where the catalog is read, so a
    // fresh copy of the base per run still hits the caches.
    ...(options.cwd && catalogRoot === options.repoRoot ? { cwd: options.cwd } : {}),
    ...(options.shippedDir ? { shippedDir: options.shippedDir } : {}),
    ...(options.noCache ? {} : { cacheDir }),
  };
  const [catalog, codeRegexVerdicts] = await Promise.all([
    loadCatalog(loadOptions),
    options.noCache
      ? undefined
      : openCodeRegexVerdictFile(join(cacheDir, CODE_REGEX_VERDICTS_FILE)),
  ]);
  const verdictsOption = codeRegexVerdicts ? { codeRegexVerdicts } : {};
  // With load errors (a duplicate id, an unknown key) the valid entries are
  // still linted, so every problem is reported at once.
  const loadFailed = hasErrors(catalog.problems);
  // The same files linted clean before with the same checker: only compile.
  // This skips loading ast-grep to validate rules and all verdict lookups.
  const lintKey = `lint-v${LINT_RULES_VERSION} ${REGEX_CHECKER_ID} ${catalog.fingerprint}`;
  const lintCachePath = join(cacheDir, LINT_CACHE_FILE);
  if (
    !loadFailed &&
    !options.noCache &&
    !options.checker &&
    (await readLintCache(lintCachePath)) === lintKey
  ) {
    const { detectors, problems } = compileCatalog(catalog.entries, verdictsOption);
    if (problems.length === 0)
      return {
        catalog,
        problems: catalog.problems,
        detectors,
        plan: planDetectors(detectors),
        ok: true,
        ...verdictsOption,
      };
  }
  const seed = options.noCache
    ? undefined
    : await openVerdictFile(join(options.shippedDir ?? SHIPPED_CATALOG_DIR, SHIPPED_VERDICTS_FILE));
  const cache = options.noCache
    ? undefined
    : await openVerdictFile(join(options.repoRoot, VERDICT_CACHE_PATH));
  const checker = withVerdictCache(options.checker ?? createRecheckChecker(), {
    ...(seed ? { seed } : {}),
    ...(cache ? { cache } : {}),
  });
  const needsAst = catalog.entries.some((entry) => entry.detect?.ast);
  const lint = await lintCatalog(catalog.entries, {
    checker,
    ...(needsAst ? { astEngine: loadAstEngine() } : {}),
    ...verdictsOption,
  });
  try {
    await cache?.save();
  } catch {
    // A read-only checkout only loses the cache.
  }
  const problems = [...catalog.problems, ...lint.problems];
  const ok = !hasErrors(problems);
  if (ok && problems.length === 0 && !options.noCache && !options.checker)
    await writeLintCache(lintCachePath, lintKey);
  const detectors = ok ? lint.detectors : [];
  return { catalog, problems, detectors, plan: planDetectors(detectors), ok, ...verdictsOption };
}

/** Run prepared detectors on a change, reading post-change files from the repo unless told otherwise. */
export function runPreparedDetectors(
  prepared: PreparedCatalog,
  change: Change,
  options: {
    repoRoot?: string;
    readFile?: PostChangeReader;
    astEngine?: () => AstEngine;
    yieldEvery?: number;
  },
): Promise<DetectorRun> {
  const readFile =
    options.readFile ?? (options.repoRoot ? createRepoReader(options.repoRoot, change) : undefined);
  const run = runDetectors(change, prepared.plan, {
    ...(readFile ? { readFile } : {}),
    loadAstEngine: options.astEngine ?? loadAstEngine,
    ...(options.yieldEvery ? { yieldEvery: options.yieldEvery } : {}),
  });
  const verdicts = prepared.codeRegexVerdicts;
  // The next `jig failures check` reads what this one learnt about code regexes.
  if (!verdicts) return run;
  return run.then(async (result) => {
    await verdicts.save();
    return result;
  });
}
