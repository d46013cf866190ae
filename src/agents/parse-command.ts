/**
 * A shell command line turned into argv without running a shell, or the
 * reason it was refused. Anything a shell would read differently from a
 * plain argv (operators, expansions, substitutions) is refused rather than
 * interpreted: the guard decides on exactly what will run, or nothing.
 */
export type ParsedCommand =
  | { ok: true; argv: string[]; wrapper?: string; deleteCount: number }
  | { ok: false; code: string; reason: string };

/** Programs that run another command given as their arguments. */
export const WRAPPER_PROGRAMS: ReadonlySet<string> = new Set([
  "env",
  "xargs",
  "timeout",
  "nice",
  "nohup",
  "sudo",
  "doas",
  "su",
  "command",
  "builtin",
  "busybox",
  "stdbuf",
  "setsid",
  "time",
  "chroot",
  "ionice",
  "strace",
  "ltrace",
  "watch",
  "parallel",
  "runuser",
  "flock",
  "unbuffer",
  "script",
  "taskset",
  "chrt",
  "systemd-run",
  "npx-shell",
]);

/** Shell builtins that evaluate a string or replace the process: always refused. */
const EVALUATORS = new Set(["eval", "exec", "source", ".", "trap", "coproc", "function", "alias"]);

const SHELLS = new Set([
  "sh",
  "bash",
  "zsh",
  "dash",
  "ksh",
  "mksh",
  "ash",
  "fish",
  "csh",
  "tcsh",
  "yash",
]);

const FIND_EXEC_FLAGS = new Set(["-exec", "-execdir", "-ok", "-okdir"]);

const OPERATOR_NAMES: Record<string, string> = {
  ";": "command separator ';'",
  "&": "background or '&&' operator",
  "|": "pipe or '||' operator",
  "<": "input redirection",
  ">": "output redirection",
  "(": "subshell '('",
  ")": "subshell ')'",
  "\n": "newline (a second command)",
  "\r": "carriage return",
  "`": "backtick command substitution",
  "{": "brace expansion or group",
  "}": "brace expansion or group",
  "!": "history expansion or negation '!'",
  "#": "comment '#'",
};

function refuse(code: string, reason: string): ParsedCommand {
  return { ok: false, code, reason };
}

/**
 * Parse `line` the way POSIX sh would split words, refusing every construct
 * that could run or hide another command.
 *
 * @example
 * parseCommand("npm test -- --watch") // { ok: true, argv: ["npm","test","--","--watch"], ... }
 * parseCommand("npm test && rm -rf /") // { ok: false, code: "command/operator", ... }
 */
export function parseCommand(line: string): ParsedCommand {
  const words: string[] = [];
  // Whether each word had any unquoted glob character, by index.
  const globbed: boolean[] = [];
  let current = "";
  let inWord = false;
  let hasGlob = false;
  let index = 0;
  const push = (): void => {
    if (inWord) {
      words.push(current);
      globbed.push(hasGlob);
    }
    current = "";
    inWord = false;
    hasGlob = false;
  };
  while (index < line.length) {
    const char = line[index] as string;
    const code = char.charCodeAt(0);
    if (char === " " || char === "\t") {
      push();
      index++;
      continue;
    }
    if (code < 0x20 && char !== "\n" && char !== "\r") {
      return refuse("command/control-character", "control characters are not allowed in commands");
    }
    if (code === 0x7f) return refuse("command/control-character", "DEL is not allowed in commands");
    if (Object.hasOwn(OPERATOR_NAMES, char)) {
      // Mid-word '#' is literal; '!' is only special in interactive shells.
      if ((char === "#" || char === "!") && inWord) {
        current += char;
        index++;
        continue;
      }
      return refuse(
        "command/operator",
        `the ${OPERATOR_NAMES[char]} can run or hide another command; run one plain command per call`,
      );
    }
    if (char === "$") {
      return refuse(
        "command/expansion",
        "'$' expansions and $(...) substitutions are not allowed; write the value literally",
      );
    }
    if (char === "\\") {
      const next = line[index + 1];
      if (next === undefined)
        return refuse("command/parse", "the command ends with a lone backslash");
      if (next === "\n" || next === "\r") {
        return refuse("command/operator", "line continuations are not allowed");
      }
      current += next;
      inWord = true;
      index += 2;
      continue;
    }
    if (char === "'") {
      const end = line.indexOf("'", index + 1);
      if (end === -1) return refuse("command/parse", "unterminated single quote");
      const quoted = line.slice(index + 1, end);
      if (/[\n\r]/.test(quoted))
        return refuse("command/operator", "newlines inside quotes are not allowed");
      current += quoted;
      inWord = true;
      index = end + 1;
      continue;
    }
    if (char === '"') {
      index++;
      let closed = false;
      while (index < line.length) {
        const inner = line[index] as string;
        if (inner === '"') {
          closed = true;
          index++;
          break;
        }
        if (inner === "$" || inner === "`") {
          return refuse(
            "command/expansion",
            "'$' and backticks inside double quotes expand; use single quotes for literal text",
          );
        }
        if (inner === "\n" || inner === "\r") {
          return refuse("command/operator", "newlines inside quotes are not allowed");
        }
        if (inner.charCodeAt(0) < 0x20 && inner !== "\t") {
          return refuse(
            "command/control-character",
            "control characters are not allowed in commands",
          );
        }
        if (inner === "\\") {
          const next = line[index + 1];
          if (next === undefined) break;
          if (next === '"' || next === "\\" || next === "$" || next === "`") {
            current += next;
            index += 2;
            continue;
          }
        }
        current += inner;
        index++;
      }
      if (!closed) return refuse("command/parse", "unterminated double quote");
      inWord = true;
      continue;
    }
    if (char === "*" || char === "?" || char === "[") hasGlob = true;
    if (char === "~" && !inWord) hasGlob = true;
    current += char;
    inWord = true;
    index++;
  }
  push();
  return classify(words, globbed);
}

function classify(argv: string[], globbed: boolean[]): ParsedCommand {
  const program = argv[0];
  if (program === undefined) return refuse("command/empty", "the command is empty");
  if (globbed[0]) {
    return refuse("command/glob-program", "the program name must not contain * ? [ or ~");
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(program)) {
    return refuse(
      "command/env-prefix",
      `leading assignment '${program.split("=")[0]}=...' changes the command's environment; set it in the manifest's command instead`,
    );
  }
  const name = program.includes("/") ? program.slice(program.lastIndexOf("/") + 1) : program;
  if (EVALUATORS.has(name)) {
    return refuse("command/evaluator", `'${name}' runs a string as a command and is never allowed`);
  }
  if (SHELLS.has(name)) {
    const inline = argv
      .slice(1)
      .some((arg) => /^-[A-Za-z]*c[A-Za-z]*$/.test(arg) || arg === "--command");
    if (inline) {
      return refuse(
        "command/shell-inline",
        `'${name} -c' runs a string as a command and is never allowed`,
      );
    }
  }
  let wrapper: string | undefined;
  if (WRAPPER_PROGRAMS.has(name)) wrapper = name;
  if (name === "find" && argv.some((arg) => FIND_EXEC_FLAGS.has(arg) || arg === "-delete")) {
    wrapper = "find -exec";
  }
  const deleteCount = countDeletes(name, argv);
  return wrapper === undefined
    ? { ok: true, argv, deleteCount }
    : { ok: true, argv, wrapper, deleteCount };
}

/** Files a command deletes, conservatively: recursive or bulk deletes count as very many. */
function countDeletes(name: string, argv: string[]): number {
  const many = 1_000_000;
  if (name === "rm" || name === "unlink" || name === "rmdir" || name === "shred") {
    const options = argv.slice(1).filter((arg) => arg.startsWith("-") && arg !== "--");
    if (options.some((arg) => /^-[^-]*[rR]/.test(arg) || arg === "--recursive")) return many;
    return argv.slice(1).filter((arg) => !arg.startsWith("-")).length;
  }
  if (name === "git" && argv[1] === "rm") {
    if (argv.some((arg) => /^-[^-]*r/.test(arg))) return many;
    return argv.slice(2).filter((arg) => !arg.startsWith("-")).length;
  }
  if (name === "git" && argv[1] === "clean") return many;
  if (name === "find" && argv.includes("-delete")) return many;
  return 0;
}

/**
 * Whether `argv` starts with `prefix`, comparing whole arguments, so
 * ["npm","test"] matches `npm test -- --watch` but not `npm testx`.
 */
export function hasArgvPrefix(argv: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > argv.length) return false;
  return prefix.every((part, index) => argv[index] === part);
}
