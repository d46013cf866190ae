import { compileGlobRegex, type Problem } from "../core/index.js";
import {
  AST_LANGUAGE_NAMES,
  type AstEngine,
  type AstRuleConfig,
  normalizeAstLanguage,
} from "./ast-engine.js";
import type { CodeRegexVerdictStore } from "./code-regex-verdict-file.js";
import { type CompiledPattern, compilePattern } from "./compile-pattern.js";
import type { CatalogEntry } from "./failure-model.js";
import { detectLocation } from "./parse-catalog-file.js";
import type { BacktrackingLevel } from "./screen-regex.js";
import { createUnsafeRegexScan, type UnsafeRegexScan } from "./unsafe-regex-scan.js";

/** The ast part of a compiled detector. */
export interface CompiledAst {
  /** ast-grep's language name; inferred per file when undefined. */
  language?: string;
  config: AstRuleConfig;
  /** Identifiers every match must contain; files lacking one are never parsed. */
  tokens: string[];
}

/**
 * A catalog entry ready to run: regexes compiled once, globs turned into one
 * matcher. `appliesToKey` groups entries with the same globs so each file is
 * matched once per group, not once per entry.
 */
export interface CompiledDetector {
  entry: CatalogEntry;
  appliesToKey: string;
  matchesPath: (path: string) => boolean;
  added?: CompiledPattern;
  removed?: CompiledPattern;
  absent?: CompiledPattern;
  ast?: CompiledAst;
  fileDeleted: boolean;
  /** With `removed`: an added line matching this cancels the removal. */
  unlessAdded?: CompiledPattern;
  skipTestFiles: boolean;
  /** `detect.unsafeRegex`: the level reported, and the scan (its verdict cache is shared by the catalog). */
  unsafeRegex?: { level: BacktrackingLevel; scan: UnsafeRegexScan };
}

/** Options of {@link compileCatalog}. */
export interface CompileOptions {
  /** When given, every ast rule is compiled by the engine and failures become problems. */
  astEngine?: AstEngine;
  /** Where `unsafeRegex` scans keep recheck's verdicts between processes (`.jig/cache/`). */
  codeRegexVerdicts?: CodeRegexVerdictStore;
}

const MATCH_ALL = () => true;

/**
 * Compile every entry's detector. Pure apart from the optional ast engine:
 * a regex that does not compile, an unknown ast language or (with an engine)
 * an ast rule ast-grep rejects becomes a problem at that field's
 * `file:line:col`, and the entry is left out of `detectors`.
 *
 * @example
 * const { detectors, problems } = compileCatalog(entries);
 */
export function compileCatalog(
  entries: ReadonlyArray<CatalogEntry>,
  options: CompileOptions = {},
): { detectors: CompiledDetector[]; problems: Problem[] } {
  const detectors: CompiledDetector[] = [];
  const problems: Problem[] = [];
  const matchers = new Map<string, (path: string) => boolean>();
  let unsafeRegexScan: UnsafeRegexScan | undefined;
  for (const entry of entries) {
    const before = problems.length;
    const appliesToKey = entry.appliesTo ? JSON.stringify(entry.appliesTo) : "";
    let matchesPath = matchers.get(appliesToKey);
    if (!matchesPath) {
      matchesPath = entry.appliesTo
        ? createPathMatcher(entry.appliesTo, `${entry.id} appliesTo`)
        : MATCH_ALL;
      matchers.set(appliesToKey, matchesPath);
    }
    const detector: CompiledDetector = {
      entry,
      appliesToKey,
      matchesPath,
      fileDeleted: entry.detect?.fileDeleted === true,
      skipTestFiles: entry.detect?.skipTestFiles === true,
    };
    const detect = entry.detect;
    if (detect?.unsafeRegex) {
      unsafeRegexScan ??= createUnsafeRegexScan(undefined, options.codeRegexVerdicts);
      const level = detect.unsafeRegex === "polynomial" ? "polynomial" : "exponential";
      detector.unsafeRegex = { level, scan: unsafeRegexScan };
    }
    for (const key of ["added", "removed", "absent", "unlessAdded"] as const) {
      const pattern = detect?.[key];
      if (pattern === undefined) continue;
      try {
        detector[key] = compilePattern(pattern, { multiline: key === "absent" });
      } catch (error) {
        problems.push({
          code: "catalog/bad-regex",
          path: entry.file,
          message: `${entry.id}: detect.${key} is not a valid regex: ${(error as Error).message}`,
          ...detectLocation(entry, key),
        });
      }
    }
    if (detect?.ast) {
      const compiled = compileAst(entry, options.astEngine, problems);
      if (compiled) detector.ast = compiled;
    }
    if (problems.length === before) detectors.push(detector);
  }
  return { detectors, problems };
}

function compileAst(
  entry: CatalogEntry,
  engine: AstEngine | undefined,
  problems: Problem[],
): CompiledAst | undefined {
  const ast = entry.detect?.ast;
  if (!ast) return undefined;
  const at = detectLocation(entry, "ast");
  let language: string | undefined;
  if (ast.language !== undefined) {
    language = normalizeAstLanguage(ast.language);
    if (!language) {
      problems.push({
        code: "catalog/bad-ast-rule",
        path: entry.file,
        message: `${entry.id}: unknown ast language "${ast.language}"; use one of ${AST_LANGUAGE_NAMES.join(", ")}`,
        ...at,
      });
      return undefined;
    }
  }
  const config: AstRuleConfig = { rule: ast.rule };
  if (ast.constraints) config.constraints = ast.constraints;
  if (ast.utils) config.utils = ast.utils;
  if (engine) {
    // Without a language the rule is checked against TypeScript, the most common target.
    const message = engine.validate(language ?? "TypeScript", config);
    if (message) {
      problems.push({
        code: "catalog/bad-ast-rule",
        path: entry.file,
        message: `${entry.id}: invalid ast-grep rule: ${message}`,
        ...at,
      });
      return undefined;
    }
  }
  const compiled: CompiledAst = { config, tokens: requiredTokens(ast.rule) };
  if (language) compiled.language = language;
  return compiled;
}

const IDENTIFIER = /(?<![$\w])[A-Za-z_]\w{2,}/g;

/**
 * Identifiers from the patterns a match must satisfy (the rule's own
 * `pattern`, and those under `all`, `has` and `inside`; never under `not` or
 * `any`). A file lacking one of them cannot match, so it is not parsed.
 */
export function requiredTokens(rule: Record<string, unknown>): string[] {
  const tokens = new Set<string>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const pattern = record.pattern;
    const text =
      typeof pattern === "string"
        ? pattern
        : pattern &&
            typeof pattern === "object" &&
            typeof (pattern as { context?: unknown }).context === "string"
          ? (pattern as { context: string }).context
          : undefined;
    // A context pattern carries scaffolding that need not be in the file.
    if (typeof pattern === "string" && text)
      for (const token of text.match(IDENTIFIER) ?? []) tokens.add(token);
    if (Array.isArray(record.all)) for (const item of record.all) visit(item);
    visit(record.has);
    visit(record.inside);
  };
  visit(rule);
  return [...tokens];
}

/**
 * A glob matcher with a cheap suffix pre-check: most `appliesTo` lists are
 * by extension or file name (`**\/*.ts`, `**\/package.json`), and
 * `endsWith` rejects most paths far faster than the glob regex.
 */
export function createPathMatcher(
  globs: ReadonlyArray<string>,
  origin = "a failure model's appliesTo",
): (path: string) => boolean {
  const matches = globMatcher(globs, origin);
  const suffixes: string[] = [];
  // `**/*.ts` and `**/package.json` match exactly the paths ending in the
  // suffix (with `dot`, `*` also matches an empty name), so for them the
  // suffix is the whole answer and the glob regex never runs.
  let decisive = true;
  for (const glob of globs) {
    const slash = glob.lastIndexOf("/");
    const last = glob.slice(slash + 1);
    if (glob.slice(0, slash + 1) !== "**/") decisive = false;
    const extension = /^\*(\.[\w.-]+)$/.exec(last);
    const extensions = /^\*\.\{([\w.,-]+)\}$/.exec(last);
    if (extension) suffixes.push(extension[1] as string);
    else if (extensions)
      for (const item of (extensions[1] as string).split(",")) suffixes.push(`.${item}`);
    else if (last.length > 0 && !/[*?[\]{}!]/.test(last))
      suffixes.push(glob.includes("/") ? `/${last}` : last);
    else return matches;
  }
  return (path) => {
    for (const suffix of suffixes) {
      // `/package.json` also matches the root file `package.json`, without building "/" + path.
      const whole = suffix.length === path.length + 1 && suffix[0] === "/" && suffix.endsWith(path);
      if (whole || path.endsWith(suffix)) return decisive || matches(path);
    }
    return false;
  };
}

/**
 * What `picomatch(globs, { dot: true })` decides for a git path, without the
 * result object picomatch builds on every call: a path matches a glob when
 * it equals it or the glob's regex matches it. Diff paths always use `/`,
 * whatever the platform, so the globs are compiled for POSIX paths.
 */
function globMatcher(globs: ReadonlyArray<string>, origin: string): (path: string) => boolean {
  const compiled = globs.map((glob) => ({
    glob,
    regex: compileGlobRegex(glob, { dot: true, windows: false }, origin),
  }));
  return (path) => {
    if (path === "") return false;
    for (const { glob, regex } of compiled) if (path === glob || regex.test(path)) return true;
    return false;
  };
}
