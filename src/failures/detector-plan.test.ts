import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { catalogEntry } from "./__fixtures__/catalog-entry.js";
import { compileCatalog, createPathMatcher } from "./compile-catalog.js";
import { type LiteralScanner, planDetectors, scanLiterals } from "./detector-plan.js";

const entry = catalogEntry;

function scannerFor(patterns: string[]) {
  const { detectors, problems } = compileCatalog(
    patterns.map((added, index) => entry(`FM-P-${index + 1}`, { added })),
  );
  expect(problems).toEqual([]);
  const { scanner } = planDetectors(detectors);
  if (!scanner) throw new Error("no scanner");
  return scanner;
}

/** The literals `scanLiterals` finds in `text`, by key. */
function keysIn(scanner: LiteralScanner, text: string): Set<string> {
  return new Set([...scanLiterals(scanner, text)].map((id) => scanner.keys[id] as string));
}

describe("scanLiterals", () => {
  it("credits every literal contained in a longer one found at the same place", () => {
    const scanner = scannerFor(["token_12", "token_1", "ken_", "oken_12x"]);
    expect([...keysIn(scanner, "a token_12 b")].sort()).toEqual(["ken_", "token_1", "token_12"]);
    expect([...keysIn(scanner, "token_13")].sort()).toEqual(["ken_", "token_1"]);
  });

  it("finds case-insensitive literals in any case, in one scan with the case-sensitive ones", () => {
    const scanner = scannerFor(["(?i)secret_key", "(?i)api", "Exact", "(?i)exact"]);
    expect(scanner.others).toHaveLength(0);
    expect([...keysIn(scanner, "const SeCrEt_KEY = API;")].sort()).toEqual(["api", "secret_key"]);
    expect([...keysIn(scanner, "EXACT")]).toEqual(["exact"]);
    expect([...keysIn(scanner, "Exact")].sort()).toEqual(["Exact", "exact"]);
    expect(keysIn(scanner, "exac").size).toBe(0);
  });

  it("does not take a literal with capitals for the same word in another case", () => {
    // `new Function(` must not run on every file that says `function`.
    const scanner = scannerFor(["\\bnew\\s+Function\\s*\\(", "AKIA[0-9A-Z]{16}"]);
    expect(keysIn(scanner, "export async function load() {}").has("Function")).toBe(false);
    expect([...keysIn(scanner, "const f = new Function(body);")].sort()).toEqual([
      "Function",
      "new",
    ]);
    expect(keysIn(scanner, "const akia = 1;").size).toBe(0);
  });

  it("keeps non-ASCII case-sensitive literals case-sensitive", () => {
    const scanner = scannerFor(["Ärger", "(?i)ok"]);
    expect(keysIn(scanner, "Ärger").has("Ärger")).toBe(true);
    expect(keysIn(scanner, "ärger").has("Ärger")).toBe(false);
  });

  it("keeps finding ASCII literals when lower-casing changes the text's length", () => {
    // "İ" lower-cases to two code units, which shifts every later position.
    const scanner = scannerFor(["(?i)password"]);
    expect(keysIn(scanner, "İİİ PASSWORD").has("password")).toBe(true);
  });

  it("matches non-ASCII case-insensitive literals with the regex engine's own folding", () => {
    const scanner = scannerFor(["(?i)straße", "(?i)σοφία"]);
    expect(keysIn(scanner, "STRAßE").has("straße")).toBe(true);
    expect(keysIn(scanner, "ΣΟΦΊΑ").has("σοφία")).toBe(true);
  });

  it("finds nested and overlapping non-ASCII literals, with regex characters taken literally", () => {
    const scanner = scannerFor(["(?i)straße", "(?i)aße_", "Ärger", "Ärg", "(?i)ü\\.x"]);
    expect([...keysIn(scanner, "STRAßE_ Ärger ü.x")].sort()).toEqual(
      ["aße_", "straße", "Ärg", "Ärger", "ü.x"].sort(),
    );
    expect(keysIn(scanner, "üax").has("ü.x")).toBe(false);
  });
});

describe("planDetectors", () => {
  it("groups detectors by appliesTo and indexes them by required literal key", () => {
    const { detectors } = compileCatalog([
      entry("FM-A-1", { added: "Alpha" }, ["**/*.ts"]),
      entry("FM-A-2", { added: "\\d+" }, ["**/*.ts"]),
      entry("FM-A-3", { added: "beta" }),
    ]);
    const plan = planDetectors(detectors);
    expect(plan.groups).toHaveLength(2);
    const ts = plan.groups.find((group) => group.matches("src/a.ts"));
    const alpha = plan.scanner?.keys.indexOf("Alpha") ?? -1;
    expect(ts?.byLiteral.get(alpha)?.map((rank) => plan.ordered[rank]?.entry.id)).toEqual([
      "FM-A-1",
    ]);
    expect(ts?.ungated.map((rank) => plan.ordered[rank]?.entry.id)).toEqual(["FM-A-2"]);
  });
});

describe("createPathMatcher", () => {
  it("decides exactly as picomatch does, on suffix, root-file and general globs", () => {
    const globLists = [
      ["**/package.json"],
      ["**/*.{ts,tsx}"],
      ["**/*.ts", "**/Dockerfile"],
      ["**/.env", "**/.env.*"],
      ["migrations/**", "!migrations/keep/**"],
      ["*.sql", "db/**/*.sql"],
      [".github/workflows/*.yml"],
    ];
    const paths = [
      "",
      ".ts",
      "src/.ts",
      "a.ts.bak",
      "Dockerfile",
      "infra/Dockerfile",
      "infra/Dockerfile.dev",
      ".env",
      "app/.env",
      "app/.env.local",
      "app/x.env",
      "package.json",
      "apps/web/package.json",
      "apps/web/not-package.json",
      "src/.hidden/a.tsx",
      "src/a.js",
      "migrations/001.sql",
      "migrations/keep/x",
      "a.sql",
      "db/x/y.sql",
      ".github/workflows/ci.yml",
      ".github/workflows/sub/ci.yml",
    ];
    for (const globs of globLists) {
      const ours = createPathMatcher(globs);
      const theirs = picomatch(globs, { dot: true });
      for (const path of paths)
        expect([globs, path, ours(path)]).toEqual([globs, path, theirs(path)]);
    }
    expect(createPathMatcher(["**/package.json"])("package.json")).toBe(true);
  });
});
