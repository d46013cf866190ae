import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { JigConfig } from "../config/config-schema.js";
import { governanceInputs } from "./governance-inputs.js";

/** The owner jig writes until the project names its own; GitHub flags it as unknown, on purpose. */
export const CODEOWNERS_PLACEHOLDER = "@your-org/jig-governance";

/** Where GitHub and GitLab look for code owners, in GitHub's order; jig writes the first. */
export const CODEOWNERS_FILES = [
  ".github/CODEOWNERS",
  "CODEOWNERS",
  "docs/CODEOWNERS",
  ".gitlab/CODEOWNERS",
] as const;

/** gitignore-style CODEOWNERS has no negation, ranges, escapes or braces. */
const UNSUPPORTED = /[!\\[\]{}]/;

/** One CODEOWNERS pattern per governance input, anchored at the root; undefined when it cannot be said. */
function codeownersPattern(glob: string): string | undefined {
  if (UNSUPPORTED.test(glob)) return undefined;
  if (glob === "**") return "*";
  if (glob.endsWith("/**")) return `/${glob.slice(0, -2)}`;
  return `/${glob}`;
}

/**
 * The CODEOWNERS lines jig recommends: every governance input of the
 * project (config, agents, failure models, evals, specs, the hook settings,
 * the code-owner files themselves and `governance.paths`) owned by `owner`.
 * With code-owner review required on the default branch, no change to what
 * the gate trusts (an approved spec included) lands without that person.
 *
 * @example
 * renderRecommendedCodeowners(config)[0]; // "/jig.config.yaml @your-org/jig-governance"
 */
export function renderRecommendedCodeowners(
  config: JigConfig,
  owner = CODEOWNERS_PLACEHOLDER,
): string[] {
  const lines: string[] = [];
  for (const input of governanceInputs(config)) {
    const pattern = codeownersPattern(input.glob);
    const line =
      pattern === undefined
        ? `# cannot be said in CODEOWNERS, review it by hand: ${input.glob}`
        : `${pattern} ${owner}`;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

const HEADER = [
  "# jig governance: these files decide what jig's gate and guard let through,",
  "# specs and their approvals included (docs/spec-format.md). Replace",
  `# ${CODEOWNERS_PLACEHOLDER} with the people or team who must review them,`,
  "# and require review from code owners on the default branch.",
];

/**
 * `jig init`'s CODEOWNERS step: write the recommended block to
 * `.github/CODEOWNERS` when the project has no code-owner file; otherwise
 * leave the file alone and return the lines it lacks, for the user to add.
 * Idempotent: a file that already names every pattern is kept silently.
 * Returns what was done, one line each, like `initProject`.
 */
export async function offerRecommendedCodeowners(
  repoRoot: string,
  config: JigConfig,
): Promise<string[]> {
  const recommended = renderRecommendedCodeowners(config);
  const existing = CODEOWNERS_FILES.find((path) => existsSync(join(repoRoot, path)));
  if (existing === undefined) {
    const [path] = CODEOWNERS_FILES;
    await mkdir(dirname(join(repoRoot, path)), { recursive: true });
    await writeFile(join(repoRoot, path), `${[...HEADER, ...recommended].join("\n")}\n`);
    return [
      `wrote ${path}: governance paths owned by ${CODEOWNERS_PLACEHOLDER}; put your reviewers there`,
    ];
  }
  const text = await readFile(join(repoRoot, existing), "utf8");
  const patterns = new Set(text.split(/\r?\n/).map((line) => line.trim().split(/\s+/)[0] ?? ""));
  const missing = recommended.filter((line) => {
    const pattern = line.split(" ")[0] ?? "";
    return !line.startsWith("#") && !patterns.has(pattern);
  });
  if (missing.length === 0) return [`kept ${existing} (it covers jig's governance paths)`];
  return [
    `kept ${existing}; jig recommends adding these lines so a person reviews governance changes:`,
    ...missing.map((line) => `  ${line}`),
  ];
}
