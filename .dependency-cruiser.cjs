// The import rules of src/, checked by `npm run deps` (scripts/check-boundaries.ts)
// as part of `npm test`. docs/architecture.md states these rules and nothing else;
// change both together.
//
// Rules apply to runtime source: what `npm run build` turns into dist/. Tests may
// import across folders (a store test runs the jig/testing suite), so they are
// constrained only by the test-support rules at the end.

/** Test code and test data: never part of the runtime graph, never in dist/. */
const TEST_SUPPORT = [
  "\\.test\\.ts$",
  "\\.conformance\\.ts$",
  "/__fixtures__/",
  "/__snapshots__/",
  "^src/test-support/",
];

/** The shell: the CLI and the check pipeline. Only these may import cli/ or check/. */
const SHELL = ["^src/cli/", "^src/check/", "^src/index\\.ts$", "^src/schemas\\.ts$"];

/**
 * The rows of docs/architecture.md's picture, top to bottom. A folder imports
 * only folders in rows below its own, never one in its row or above: that is
 * what keeps the arrows one-way (and so rules out folder cycles too). The shell
 * row (cli/, check/, the entry files) is covered by the rules further down.
 */
const ROWS = [
  ["loop", "demo", "hooks", "github", "ui"],
  ["gate"],
  ["review"],
  ["agents", "failures", "evals", "tests"],
  ["models", "spec", "report", "governance", "autonomy"],
  ["store", "config", "git", "waivers"],
  ["contract"],
  ["core"],
];

/** One rule per row: its folders never import a folder at their row or above. */
function rowRules() {
  return ROWS.slice(0, -1).map((row, index) => {
    const notBelow = ROWS.slice(0, index + 1).flat();
    const pattern = (folders) => `^src/(${folders.join("|")})/`;
    return {
      name: `rows-point-down:${row.join(",")}`,
      comment: `${row.map((folder) => `${folder}/`).join(", ")} import only folders in lower rows of docs/architecture.md's picture.`,
      severity: "error",
      from: { path: pattern(row), pathNot: TEST_SUPPORT },
      to: { path: pattern(notBelow), pathNot: `^src/$1/` },
    };
  });
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...rowRules(),
    {
      name: "every-folder-has-a-row",
      comment:
        "A new folder under src/ gets its place in ROWS (and in docs/architecture.md's picture) before it ships.",
      severity: "error",
      from: {
        path: "^src/[^/]+/",
        pathNot: [`^src/(${[...ROWS.flat(), "cli", "check", "testing", "test-support"].join("|")})/`],
      },
      to: { path: "^src/" },
    },
    {
      name: "core-imports-nothing-of-jig",
      comment:
        "core/ is the shared vocabulary beneath everything: node builtins and npm packages only.",
      severity: "error",
      from: { path: "^src/core/", pathNot: TEST_SUPPORT },
      to: { path: "^src/", pathNot: "^src/core/" },
    },
    {
      name: "contract-imports-only-core",
      comment:
        "contract/ (Report, LayerResult, the jig.report/v1 schema, the rule registry) sits just above core/.",
      severity: "error",
      from: { path: "^src/contract/", pathNot: TEST_SUPPORT },
      to: { path: "^src/", pathNot: ["^src/core/", "^src/contract/"] },
    },
    {
      name: "domain-never-imports-shell",
      comment:
        "Domain folders never import the CLI or the check pipeline; the shell calls the domain, not the reverse.",
      severity: "error",
      from: { path: "^src/", pathNot: [...SHELL, ...TEST_SUPPORT] },
      to: { path: ["^src/cli/", "^src/check/"] },
    },
    {
      name: "check-never-imports-cli",
      comment:
        "check/ (the check pipeline) serves the library and every command, so it cannot depend on the CLI.",
      severity: "error",
      from: { path: "^src/check/", pathNot: TEST_SUPPORT },
      to: { path: "^src/cli/" },
    },
    {
      name: "library-entry-never-imports-cli",
      comment:
        "src/index.ts (the library) may use check/ but not cli/.",
      severity: "error",
      from: { path: ["^src/index\\.ts$", "^src/schemas\\.ts$"] },
      to: { path: "^src/cli/" },
    },
    {
      name: "only-cli-tests-import-cli",
      comment:
        "cli/ holds no function a test elsewhere needs: a test outside cli/ that imports it is testing domain logic that belongs in a domain folder.",
      severity: "error",
      from: { path: "^(src|test)/", pathNot: "^src/cli/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "layers-independent",
      comment:
        "A gate layer never imports another layer; what it needs from another concept comes through GateContext or that concept's own folder.",
      severity: "error",
      from: { path: "^src/gate/layers/([^/]+)\\.ts$", pathNot: TEST_SUPPORT },
      to: { path: "^src/gate/layers/", pathNot: "^src/gate/layers/$1\\.ts$" },
    },
    {
      name: "commands-load-lazily",
      comment:
        "cli/main.ts and cli/registry.ts import command modules and the rest of jig only with import(), so `jig --version` and `jig --help` load almost nothing.",
      severity: "error",
      from: { path: ["^src/cli/main\\.ts$", "^src/cli/registry\\.ts$"] },
      to: {
        path: "^src/",
        pathNot: ["^src/cli/registry\\.ts$", "^src/cli/cli-context\\.ts$", "^src/core/package-root\\.ts$"],
        dependencyTypesNot: ["dynamic-import", "type-only"],
      },
    },
    {
      name: "runtime-never-imports-test-support",
      comment:
        "Test support (tests, conformance files, __fixtures__, src/test-support) is imported by tests only, so it never enters dist/.",
      severity: "error",
      from: { path: "^src/", pathNot: TEST_SUPPORT },
      to: { path: TEST_SUPPORT },
    },
    {
      name: "runtime-never-imports-testing",
      comment:
        "src/testing/ is the public jig/testing export (conformance suites, fake model server). It imports the runtime; the runtime never imports it.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/testing/", ...TEST_SUPPORT] },
      to: { path: "^src/testing/" },
    },
    {
      name: "no-unresolvable-imports",
      comment: "An import the cruiser cannot resolve would slip past every rule above.",
      severity: "error",
      from: { path: "^src/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports are arrows too: an engine importing another for a type is
    // how loops start.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    // Resolve packages the way Node does for our ESM imports (the MCP SDK has only
    // wildcard `exports`).
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "node", "default", "types"],
      mainFields: ["module", "main", "types"],
    },
  },
};
