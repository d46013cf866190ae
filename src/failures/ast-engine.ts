import { createRequire } from "node:module";
import { extname } from "node:path";

/** An ast-grep rule config as ast-grep's napi binding takes it. */
export interface AstRuleConfig {
  rule: Record<string, unknown>;
  constraints?: Record<string, Record<string, unknown>>;
  utils?: Record<string, Record<string, unknown>>;
}

/** A parsed file that rules can be run against repeatedly. */
export interface ParsedSource {
  /** 1-based start and end lines of every node matching the rule. */
  find(config: AstRuleConfig): Array<{ startLine: number; endLine: number }>;
}

/**
 * The structural-search engine behind the `ast` detector. An interface so
 * the runner stays testable and the native binding loads only when a change
 * actually has a file an ast detector needs.
 */
export interface AstEngine {
  parse(language: string, source: string): ParsedSource;
  /** An error message when the rule does not compile for `language`, else undefined. */
  validate(language: string, config: AstRuleConfig): string | undefined;
}

/** Catalog language names (lower-case, as users write them) → ast-grep's names. */
const LANGUAGES: Record<string, string> = {
  typescript: "TypeScript",
  ts: "TypeScript",
  tsx: "Tsx",
  javascript: "JavaScript",
  js: "JavaScript",
  jsx: "JavaScript",
  html: "Html",
  css: "Css",
  python: "python",
  py: "python",
  go: "go",
  golang: "go",
  java: "java",
  yaml: "yaml",
  yml: "yaml",
  sql: "sql",
  bash: "bash",
  sh: "bash",
  shell: "bash",
};

const EXTENSIONS: Record<string, string> = {
  ".ts": "TypeScript",
  ".mts": "TypeScript",
  ".cts": "TypeScript",
  ".tsx": "Tsx",
  ".js": "JavaScript",
  ".mjs": "JavaScript",
  ".cjs": "JavaScript",
  ".jsx": "JavaScript",
  ".html": "Html",
  ".htm": "Html",
  ".css": "Css",
  ".py": "python",
  ".go": "go",
  ".java": "java",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".sql": "sql",
  ".sh": "bash",
  ".bash": "bash",
};

/** Names accepted in `detect.ast.language`. */
export const AST_LANGUAGE_NAMES = Object.keys(LANGUAGES);

/** ast-grep's name for a catalog language name, or undefined when unsupported. */
export function normalizeAstLanguage(name: string): string | undefined {
  return LANGUAGES[name.toLowerCase()];
}

/** The language a file's extension implies, or undefined. */
export function astLanguageForPath(path: string): string | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

/** A file extension for a language, to name example files. */
export function extensionForAstLanguage(language: string): string {
  for (const [extension, name] of Object.entries(EXTENSIONS))
    if (name === language) return extension;
  return ".txt";
}

interface NapiNode {
  range(): { start: { line: number; column: number }; end: { line: number } };
}
interface NapiModule {
  parse(
    language: string,
    source: string,
  ): { root(): { findAll(config: AstRuleConfig | { rule: { kind: string } }): NapiNode[] } };
  registerDynamicLanguage(languages: Record<string, unknown>): void;
}

let engine: AstEngine | undefined;

/** Languages compiled into @ast-grep/napi; the rest are grammars registered at runtime. */
const BUILT_IN = new Set(["JavaScript", "TypeScript", "Tsx", "Html", "Css"]);

/**
 * The ast-grep engine, loaded on first use (about 40 ms: the native binding).
 * The six extra grammars cost as much again, so they are registered only
 * when a file or rule first needs one: a check of JavaScript and TypeScript
 * never loads them. ast-grep takes one registration per process (a second
 * call is silently ignored), hence all six at once, and the module-level
 * singleton.
 */
export function loadAstEngine(): AstEngine {
  if (engine) return engine;
  const require = createRequire(import.meta.url);
  const napi = require("@ast-grep/napi") as NapiModule;
  let registered = false;
  const ready = (language: string): void => {
    if (registered || BUILT_IN.has(language)) return;
    registered = true;
    napi.registerDynamicLanguage({
      python: require("@ast-grep/lang-python"),
      go: require("@ast-grep/lang-go"),
      java: require("@ast-grep/lang-java"),
      yaml: require("@ast-grep/lang-yaml"),
      sql: require("@ast-grep/lang-sql"),
      bash: require("@ast-grep/lang-bash"),
    });
  };
  engine = {
    parse(language, source) {
      ready(language);
      const root = napi.parse(language, source).root();
      return {
        find(config) {
          return root.findAll(config).map((node) => {
            const range = node.range();
            return { startLine: range.start.line + 1, endLine: range.end.line + 1 };
          });
        },
      };
    },
    validate(language, config) {
      ready(language);
      try {
        napi.parse(language, "").root().findAll(config);
      } catch (error) {
        return (error instanceof Error ? error.message : String(error)).replace(
          /\s*\n\s*\|->\s*/g,
          ": ",
        );
      }
      return unparsablePattern(napi, language, config);
    },
  };
  return engine;
}

/**
 * The character ast-grep puts in place of `$` in a pattern's metavariables
 * before parsing it, where `$` cannot start an identifier. Languages missing
 * here are not checked for unparsable patterns.
 */
const EXPANDO: Record<string, string> = {
  TypeScript: "$",
  Tsx: "$",
  JavaScript: "$",
  python: "µ",
  go: "µ",
  java: "$",
  bash: "$",
  yaml: "$",
  sql: "_",
};

const METAVARIABLE = /\$(?:\$\$)?(?:[A-Z_][A-Z0-9_]*)?/g;

/**
 * ast-grep accepts a pattern that does not parse as the language (`foo(`,
 * `$A +`) and then never matches anything, so a detector would silently
 * never fire. A string pattern whose text parses with an error node is
 * reported; `{ context, selector }` patterns exist for fragments and are left
 * to ast-grep.
 */
function unparsablePattern(
  napi: NapiModule,
  language: string,
  config: AstRuleConfig,
): string | undefined {
  const expando = EXPANDO[language];
  if (expando === undefined) return undefined;
  for (const pattern of stringPatterns(config)) {
    const source = pattern.replace(METAVARIABLE, (metavariable) =>
      metavariable.replaceAll("$", expando),
    );
    const errors = napi
      .parse(language, source)
      .root()
      .findAll({ rule: { kind: "ERROR" } });
    const first = errors[0];
    if (first) {
      const column = first.range().start.column + 1;
      return `pattern \`${pattern}\` does not parse as ${language} (syntax error at column ${column}), so it can never match; complete the snippet, or give pattern: { context, selector }`;
    }
  }
  return undefined;
}

/** Every string `pattern` in a rule, its nested rules and its utils. */
function stringPatterns(config: AstRuleConfig): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === "pattern" && typeof value === "string") found.push(value);
      else visit(value);
    }
  };
  visit(config.rule);
  visit(config.utils);
  return found;
}
