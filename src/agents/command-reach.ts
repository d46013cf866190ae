/**
 * What a parsed command could touch, judged from its words alone, for the
 * built-in protection. This is a conservative reading, not an emulation of
 * each program: a word that could be a path is treated as one, and any
 * program not known to only read is taken to write what it names. A program
 * the manifest allows can still open files it never names (a test runner, a
 * script, `git reset --hard`, `git stash pop`, `git log -p`, a hard link
 * made before the guard was installed); the `jig run` sandbox is the
 * boundary for those, not this.
 */
export interface CommandReach {
  /** Words and word pieces that could name a file, as written. */
  candidates: string[];
  /** False only for programs known to read what they name and write nothing. */
  mayWrite: boolean;
  /**
   * Whether it may write inside folders it names (rm -r, cp -r x ., tar -x,
   * git checkout -- .). Other programs given a folder (`tsc -p .`) are not
   * read as writing all of it: they could write anywhere, named or not.
   */
  writesFolders: boolean;
  /** Whether it reads the contents of whole folders it names (grep -r, rg, cp -r, tar...). */
  readsFolders: boolean;
  /** Whether, naming no existing path, it reads its working folder instead (rg foo, git grep foo). */
  readsCwdByDefault: boolean;
  /** Whether it unpacks an archive into its working folder (tar -x, unzip without -d). */
  writesCwd: boolean;
  /** Whether it applies patch files it names (patch, git apply, git am): their targets count as named. */
  appliesPatches: boolean;
}

/**
 * Programs that read the files they name and write none, as long as none of
 * the listed options is given (parseCommand already refuses redirections, so
 * their output can only go to the agent).
 */
const READERS: ReadonlyMap<string, RegExp | undefined> = new Map<string, RegExp | undefined>([
  ["cat", undefined],
  ["head", undefined],
  ["tail", undefined],
  ["less", /^(-o|-O|--log-file|--LOG-FILE)/],
  ["more", undefined],
  ["wc", undefined],
  ["grep", undefined],
  ["egrep", undefined],
  ["fgrep", undefined],
  ["zgrep", undefined],
  ["rg", /^--pre/],
  ["ag", undefined],
  ["ack", undefined],
  ["ls", undefined],
  ["tree", /^(-o|-R)/],
  ["stat", undefined],
  ["file", /^(-C|--compile)/],
  ["du", undefined],
  ["diff", undefined],
  ["cmp", undefined],
  ["comm", undefined],
  ["nl", undefined],
  ["od", undefined],
  ["hexdump", undefined],
  ["strings", undefined],
  ["readlink", undefined],
  ["realpath", undefined],
  ["basename", undefined],
  ["dirname", undefined],
  ["echo", undefined],
  ["printf", undefined],
  ["test", undefined],
  ["[", undefined],
  ["true", undefined],
  ["false", undefined],
  ["pwd", undefined],
  ["which", undefined],
  ["type", undefined],
  ["md5sum", undefined],
  ["sha1sum", undefined],
  ["sha256sum", undefined],
  ["sha512sum", undefined],
  ["b2sum", undefined],
  ["cksum", undefined],
  ["jq", undefined],
  ["column", undefined],
  ["fold", undefined],
  ["rev", undefined],
  ["tac", undefined],
  ["zcat", undefined],
  ["bat", undefined],
  ["sort", /^(-o|--output)/],
  ["find", /^-(exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/],
]);

/** git subcommands that write no work-tree file they name (the index and objects are not named). */
const GIT_READERS = new Set([
  "status",
  "diff",
  "log",
  "show",
  "blame",
  "annotate",
  "grep",
  "ls-files",
  "ls-tree",
  "rev-parse",
  "rev-list",
  "cat-file",
  "shortlog",
  "describe",
  "whatchanged",
  "add",
  "commit",
  "branch",
  "tag",
  "fetch",
  "push",
  "remote",
  "reflog",
  "show-ref",
  "for-each-ref",
  "merge-base",
  "name-rev",
  "check-ignore",
  "check-attr",
  "count-objects",
  "version",
  "help",
]);

/** git's options before the subcommand that take the next word as their value. */
const GIT_VALUE_OPTIONS = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace"]);

/** Programs that write, move or delete inside the folders they name. */
const FOLDER_WRITERS = new Set([
  "rm",
  "rmdir",
  "unlink",
  "mv",
  "cp",
  "scp",
  "rsync",
  "ln",
  "install",
  "tar",
  "bsdtar",
  "unzip",
  "7z",
  "7za",
  "cpio",
  "chmod",
  "chown",
  "chgrp",
  "chattr",
  "setfacl",
  "touch",
  "truncate",
  "shred",
  "sed",
  "perl",
  "tee",
  "dd",
  "patch",
  "rename",
  "mkdir",
  "cd",
  "pushd",
  "find",
]);

/** Programs that read whole folders given to them, always or with a recursive flag. */
const ALWAYS_RECURSIVE = new Set(["rg", "ag", "ack", "rsync", "tar", "bsdtar", "zip", "7z", "7za"]);
const RECURSIVE_WITH_FLAG = new Set(["grep", "egrep", "fgrep", "zgrep", "cp", "scp", "diff"]);
const RECURSIVE_FLAG =
  /^(-[A-Za-z]*[rRa][A-Za-z]*|--recursive|--dereference-recursive|--archive|--directories=recurse)$/;
/** Programs that search their working folder when given no path. */
const CWD_BY_DEFAULT = new Set(["rg", "ag", "ack", "grep", "egrep", "fgrep"]);

/** Whether `argv` (from its program on) unpacks an archive into its working folder. */
function extractsHere(name: string, rest: readonly string[]): boolean {
  if (rest.some((word) => /^(-C|--directory|-d$)/.test(word))) return false;
  if (name === "tar" || name === "bsdtar") {
    return rest.some(
      (word) => /^-?[A-Za-z]*x[A-Za-z]*$/.test(word) || word === "--extract" || word === "--get",
    );
  }
  if (name === "7z" || name === "7za") return rest[0] === "x" || rest[0] === "e";
  if (name === "cpio")
    return rest.some((word) => /^-[A-Za-z]*i/.test(word) || word === "--extract");
  return name === "unzip" || name === "bsdcpio";
}

/** Characters that separate paths inside a word: quotes, `=`, `:` and script punctuation. */
const PIECE_SEPARATORS = /[\s'"`=:,;()<>|&!@#%^{}]+/;

/**
 * Read `argv` (already parsed, so no redirections or substitutions) for the
 * paths it could name and how it treats them.
 *
 * @example
 * commandReach(["git", "show", "HEAD:evals/a.yaml"], undefined).candidates
 * // ["HEAD:evals/a.yaml", "HEAD", "evals/a.yaml"]
 */
export function commandReach(argv: readonly string[], wrapper: string | undefined): CommandReach {
  const candidates = new Set<string>();
  let operandsOnly = false;
  for (const word of argv.slice(1)) {
    if (!operandsOnly && word === "--") {
      operandsOnly = true;
      continue;
    }
    for (const candidate of wordCandidates(word, operandsOnly)) candidates.add(candidate);
  }
  const programs = wrapper === undefined ? [0] : argv.map((_, index) => index);
  let readsFolders = false;
  let readsCwdByDefault = false;
  let writesCwd = false;
  let appliesPatches = false;
  for (const index of programs) {
    const name = programName(argv[index] ?? "");
    const rest = argv.slice(index + 1);
    const gitSubcommand = name === "git" ? subcommandOf(rest) : undefined;
    writesCwd ||= extractsHere(name, rest);
    appliesPatches ||= name === "patch" || gitSubcommand === "apply" || gitSubcommand === "am";
    if (
      ALWAYS_RECURSIVE.has(name) ||
      (RECURSIVE_WITH_FLAG.has(name) && rest.some((word) => RECURSIVE_FLAG.test(word))) ||
      gitSubcommand === "grep" ||
      gitSubcommand === "archive"
    ) {
      readsFolders = true;
      readsCwdByDefault ||= CWD_BY_DEFAULT.has(name) || gitSubcommand === "grep";
    }
  }
  const mayWrite = wrapper !== undefined || !readsOnly(argv);
  const name = programName(argv[0] ?? "");
  return {
    candidates: [...candidates],
    mayWrite,
    writesFolders:
      mayWrite && (wrapper !== undefined || name === "git" || FOLDER_WRITERS.has(name)),
    readsFolders,
    readsCwdByDefault,
    writesCwd,
    appliesPatches,
  };
}

/** Whether `argv` is a known reader without any of its writing options. */
function readsOnly(argv: readonly string[]): boolean {
  const name = programName(argv[0] ?? "");
  const rest = argv.slice(1);
  if (name === "git") {
    const subcommand = subcommandOf(rest);
    return (
      subcommand !== undefined &&
      GIT_READERS.has(subcommand) &&
      !rest.some((word) => /^(--output|-o$)/.test(word))
    );
  }
  if (!READERS.has(name)) return false;
  const writes = READERS.get(name);
  return writes === undefined || !rest.some((word) => writes.test(word));
}

/** The first word after git's own options: its subcommand. */
function subcommandOf(rest: readonly string[]): string | undefined {
  for (let index = 0; index < rest.length; index++) {
    const word = rest[index] as string;
    if (GIT_VALUE_OPTIONS.has(word)) {
      index++;
      continue;
    }
    if (word.startsWith("-")) continue;
    return word;
  }
  return undefined;
}

function programName(word: string): string {
  return word.slice(word.lastIndexOf("/") + 1);
}

/**
 * The pieces of one word that could be paths: the word, an option's value
 * (`--output=x`, `-ox`), `dd`'s `of=x`, git's `rev:path`, and pieces of
 * script text that look like paths (`'agents/x'` inside `node -e ...`).
 * Pieces must hold a `/` or a `.` to count, so a commit message naming
 * "agents" is not read as a folder; the whole word always counts.
 */
function wordCandidates(word: string, operand: boolean): string[] {
  const out: string[] = [];
  if (operand || !word.startsWith("-")) out.push(word);
  else if (!word.startsWith("--") && word.length > 2 && !word.includes("="))
    out.push(word.slice(2));
  const equals = word.indexOf("=");
  if (equals >= 0) out.push(word.slice(equals + 1));
  for (const piece of word.split(PIECE_SEPARATORS)) {
    if (piece === word || piece.length === 0 || /^\.+$/.test(piece)) continue;
    if (piece.includes("/") || piece.includes(".")) out.push(piece);
  }
  return out.filter((candidate) => candidate.length > 0);
}
