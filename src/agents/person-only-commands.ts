/**
 * jig subcommands that record a person's decision: approving a spec or an
 * escalated call, agreeing with a sampled call (autonomy evidence), waiving a
 * finding, writing autonomy changes, sealing the holdouts. An agent running
 * one through its shell would grade its own work, so the guard denies them
 * for every agent whatever its manifest's commands allow.
 *
 * Each entry is the words after `jig`; `unless` lists next words that make
 * the command read-only (`jig waive list`), `onlyWith` a flag without which
 * it writes nothing (`jig autonomy propose` only prints).
 */
const PERSON_ONLY: ReadonlyArray<{
  words: readonly string[];
  unless?: readonly string[];
  onlyWith?: string;
  what: string;
}> = [
  { words: ["approvals", "approve"], what: "approving an escalated call" },
  { words: ["approvals", "deny"], what: "deciding an escalated call" },
  { words: ["approvals", "review"], what: "reviewing a sampled call (autonomy evidence)" },
  { words: ["spec", "approve"], what: "approving a spec" },
  { words: ["waive"], unless: ["list"], what: "waiving a finding" },
  { words: ["autonomy", "propose"], onlyWith: "--write", what: "writing autonomy changes" },
  { words: ["eval", "seal"], what: "sealing the holdout eval suites" },
];

/** How jig itself is named: `jig`, `node_modules/.bin/jig`, `node bin/jig.js`. */
function isJig(word: string): boolean {
  const name = word.slice(word.lastIndexOf("/") + 1);
  return name === "jig" || name === "jig.js";
}

/**
 * What person-only decision `argv` makes, if any. Every word is tried as the
 * program, not only the first: jig is reached through runners the guard does
 * not model one by one (`npx jig`, `pnpm exec jig`, `node bin/jig.js`,
 * `xargs jig`), and denying a command that merely mentions `jig spec
 * approve` as text costs one message, while missing a runner would let an
 * agent approve its own spec.
 *
 * @example
 * personOnlyDecision(["npx", "jig", "spec", "approve", "SPEC-0001"]) // "approving a spec"
 */
export function personOnlyDecision(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    if (!isJig(argv[index] ?? "")) continue;
    // Options before the subcommand (`jig --no-color spec approve`) are skipped.
    const rest = argv.slice(index + 1).filter((word) => !word.startsWith("-"));
    const flags = argv.slice(index + 1);
    for (const entry of PERSON_ONLY) {
      if (!entry.words.every((word, at) => rest[at] === word)) continue;
      if (entry.unless?.includes(rest[entry.words.length] ?? "")) continue;
      if (
        entry.onlyWith &&
        !flags.some((flag) => flag === entry.onlyWith || flag.startsWith(`${entry.onlyWith}=`))
      )
        continue;
      return entry.what;
    }
  }
  return undefined;
}
