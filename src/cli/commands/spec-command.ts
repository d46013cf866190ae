import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { Command, Option } from "commander";
import { type JigConfig, loadConfig } from "../../config/index.js";
import { ExitCode, GitError, UsageError, ValidationError } from "../../core/errors.js";
import type { Problem } from "../../core/problem.js";
import { currentBranch, findRepoRoot, tryGit } from "../../git/index.js";
import {
  citedFailureModels,
  createAnswersInterviewer,
  createTtyInterviewer,
  findSpecPath,
  hasErrors,
  type Interviewer,
  lintSpec,
  lintSpecCollection,
  listSpecFiles,
  loadSpecs,
  nextSpecId,
  normalizeSpecId,
  readActiveSpec,
  readAnswersFile,
  readSpecFile,
  renderSpec,
  runInterview,
  type Spec,
  type SpecDraft,
  type SpecFile,
  scanCoverage,
  setSpecStatus,
  slugify,
  traceSpecs,
  writeActiveSpec,
} from "../../spec/index.js";
import type { CliContext } from "../cli-context.js";
import { writeOutputFile } from "../write-output.js";
import { formatSpecList, formatSpecProblem, formatSpecShow, formatTrace } from "./spec-output.js";

/** Where the command works: the repo root, its specs folder, and path display relative to cwd. */
interface Workspace {
  root: string;
  specsDir: string;
  config: JigConfig;
  /** Repo-relative path → what the user would type from their cwd. */
  show(repoPath: string): string;
}

async function openWorkspace(context: CliContext): Promise<Workspace> {
  const root = await findRepoRoot(context.cwd);
  const { config } = await loadConfig(root, { cwd: context.cwd });
  return {
    root,
    specsDir: config.specs.dir,
    config,
    show: (repoPath) => relative(context.cwd, join(root, repoPath)) || repoPath,
  };
}

interface NewSpecFlags {
  title?: string;
  answers?: string;
  nonInteractive?: boolean;
  model?: string;
  ai: boolean;
}

/**
 * The model-backed step of the interview: the model proposes up to 5
 * multiple-choice questions about gaps in the draft and a person (terminal
 * or answers file) answers them. Without a configured model it is skipped,
 * and a failing model never loses the interview: the spec is still written.
 */
async function clarifyWithModel(
  context: CliContext,
  workspace: Workspace,
  inner: Interviewer,
  draft: SpecDraft,
  flag: string | undefined,
): Promise<{ answered: Array<{ question: string; answer: string }>; open: string[] }> {
  // Deep import: roles are pure, and the AI SDK loads only when a model is configured.
  const { resolveModelRoles } = await import("../../models/model-roles.js");
  const { reviewer } = resolveModelRoles(workspace.config, context.env, { reviewer: flag });
  if (!reviewer) return { answered: [], open: [] };
  const { createConfiguredModelClient } = await import("../../models/index.js");
  const { createModelInterviewer } = await import("../../review/index.js");
  const client = createConfiguredModelClient(reviewer, {
    config: workspace.config,
    env: context.env,
    cwd: workspace.root,
  });
  // An answers file cannot know the model's questions in advance: one it does
  // not answer stays open as a clarification marker instead of failing the run.
  const open: string[] = [];
  const unanswered = "\u0000unanswered";
  const tolerant: Interviewer = {
    async ask(question) {
      try {
        return await inner.ask(question);
      } catch (error) {
        if (!(error instanceof UsageError) || error.code !== "spec/missing-answer") throw error;
        open.push(question.message);
        return unanswered;
      }
    },
  };
  try {
    const clarified = await createModelInterviewer({ client, inner: tolerant }).clarify(draft);
    return { answered: clarified.filter((item) => item.answer !== unanswered), open };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    context.stderr.write(
      `jig spec new: the model's clarifying questions were skipped: ${(error as Error).message}\n`,
    );
    return { answered: [], open: [] };
  }
}

/**
 * Ids of the failure-model catalog (shipped and project), loaded only when a
 * spec cites one, so lint can flag ids that do not exist (JIG-S013).
 */
async function knownFailureModels(
  workspace: Workspace,
  specs: ReadonlyArray<Spec | undefined>,
): Promise<ReadonlySet<string> | undefined> {
  const cites = specs.some(
    (spec) =>
      spec &&
      (spec.failureModels.length > 0 ||
        citedFailureModels(spec.risks.map((risk) => risk.text).join("\n")).length > 0),
  );
  if (!cites) return undefined;
  const { loadCatalog } = await import("../../failures/index.js");
  const catalog = await loadCatalog({ repoRoot: workspace.root, config: workspace.config });
  return new Set(catalog.entries.map((entry) => entry.id));
}

const formatOption = (): Option =>
  new Option("--format <format>", "output format").choices(["text", "json"]).default("text");

/**
 * `jig spec`: write specs through an interview, lint them, list and show
 * them, approve them, mark one active for a branch, and trace criteria to
 * tests and eval scenarios.
 */
export function createCommand(context: CliContext): Command {
  const out = (text: string): void => {
    context.stdout.write(text);
  };
  const err = (text: string): void => {
    context.stderr.write(text);
  };
  const printProblems = (problems: readonly Problem[], workspace: Workspace): void => {
    for (const problem of sortProblems(problems)) {
      out(`${formatSpecProblem({ ...problem, path: workspace.show(problem.path) })}\n`);
    }
  };

  const command = new Command("spec")
    .description("Write (interview), lint, list, show, approve, start and trace specs")
    .addHelpText(
      "after",
      "\nExamples:\n  jig spec new --title 'Cap automatic refunds'\n  jig spec lint && jig spec approve SPEC-0001\n  jig spec trace SPEC-0001\n\nRun 'jig spec <command> --help' for each command's flags.\n",
    );

  command
    .command("new")
    .description("Interview for a new spec and write specs/SPEC-NNNN-<slug>.md as a draft")
    .option("--title <title>", "title of the spec (skips that question)")
    .option("--answers <file>", "answer the interview from a YAML file (for agents and CI)")
    .option("--non-interactive", "never prompt; requires --answers")
    .option(
      "--model <id>",
      "model that proposes up to 5 clarifying questions (default: models.reviewer)",
    )
    .option("--no-ai", "skip the model's clarifying questions")
    .addHelpText(
      "after",
      "\nExample:\n  jig spec new --title 'Login throttling'\n  jig spec new --answers answers.yaml --non-interactive\n\nWith a model configured (models.reviewer, JIG_REVIEW_MODEL or --model), it proposes up to\n5 multiple-choice clarifying questions after the interview; an answers file answers them\nas clarify-1 .. clarify-5. The answers file format is in docs/spec-format.md.\n",
    )
    .action(async (options: NewSpecFlags) => {
      let interviewer: Interviewer;
      if (options.answers !== undefined) {
        interviewer = await answersInterviewer(context, options.answers);
      } else if (options.nonInteractive) {
        throw new UsageError("--non-interactive needs --answers FILE (see docs/spec-format.md)");
      } else if (!context.stdin.isTTY || !context.stdout.isTTY) {
        throw new UsageError(
          "no terminal to interview on: pass --answers FILE (see docs/spec-format.md)",
        );
      } else {
        // The context streams are the real process streams when they are TTYs.
        interviewer = createTtyInterviewer({
          input: context.stdin as unknown as Readable,
          output: context.stdout as unknown as Writable,
        });
      }
      const workspace = await openWorkspace(context);
      const owner = (await tryGit(["config", "user.name"], workspace.root))?.trim();
      const draft = await runInterview(interviewer, {
        ...(options.title !== undefined ? { title: options.title } : {}),
        ...(owner ? { owner } : {}),
      });
      if (options.ai) {
        const { answered, open } = await clarifyWithModel(
          context,
          workspace,
          interviewer,
          draft,
          options.model,
        );
        if (answered.length > 0) draft.answered = answered;
        draft.clarifications.push(...open);
      }
      const { specs } = await loadSpecs(workspace.root, workspace.specsDir);
      const fileIds = (await listSpecFiles(workspace.root, workspace.specsDir)).map(
        (file) => /SPEC-\d+/i.exec(basename(file))?.[0] ?? "",
      );
      const id = nextSpecId([...specs.map((spec) => spec.id), ...fileIds]);
      const dir = resolve(workspace.root, workspace.specsDir);
      const absPath = join(dir, `${id}-${slugify(draft.title)}.md`);
      await mkdir(dir, { recursive: true });
      await writeFile(absPath, renderSpec({ ...draft, id, status: "draft" }), { flag: "wx" });
      out(`${relative(context.cwd, absPath)}\n`);
      if (draft.clarifications.length > 0) {
        err(
          `${id} has ${draft.clarifications.length} open clarification(s); answer them, then run 'jig spec lint' and 'jig spec approve ${id}'\n`,
        );
      }
    });

  command
    .command("lint")
    .description(
      "Check specs against the format rules (JIG-S001...); exit 1 on errors, 2 if unparsable",
    )
    .argument("[paths...]", "spec files or folders (default: every spec in the specs folder)")
    .addHelpText("after", "\nExample:\n  jig spec lint\n  jig spec lint specs/SPEC-0007-login.md\n")
    .action(async (paths: string[]) => {
      const workspace = await openWorkspace(context);
      const files = await lintTargets(context, workspace, paths);
      const all = await loadSpecs(workspace.root, workspace.specsDir);
      const linted = new Set(files.map((file) => file.path));
      const known = await knownFailureModels(
        workspace,
        files.map((file) => file.spec),
      );
      const lintOptions = known ? { knownFailureModels: known } : {};
      const problems = [
        ...files.flatMap((file) => file.problems),
        ...files.flatMap((file) => (file.spec ? lintSpec(file.spec, lintOptions) : [])),
        ...lintSpecCollection(
          uniqueSpecs([...all.specs, ...files.flatMap((f) => (f.spec ? [f.spec] : []))]),
        ).filter((problem) => linted.has(problem.path)),
      ];
      printProblems(problems, workspace);
      const errors = problems.filter((problem) => problem.severity !== "warning").length;
      const warnings = problems.length - errors;
      out(`${files.length} spec(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
      if (files.some((file) => !file.spec)) context.exitCode = ExitCode.usage;
      else context.exitCode = errors > 0 ? ExitCode.fail : ExitCode.pass;
    });

  command
    .command("list")
    .description("List specs: id, status, title and path")
    .addOption(formatOption())
    .addHelpText("after", "\nExample:\n  jig spec list --format json\n")
    .action(async (options: { format: string }) => {
      const workspace = await openWorkspace(context);
      const { specs, problems } = await loadSpecs(workspace.root, workspace.specsDir);
      if (options.format === "json") {
        const rows = specs.map(({ id, status, title, path }) => ({ id, status, title, path }));
        out(`${JSON.stringify(rows, null, 2)}\n`);
      } else {
        out(formatSpecList(specs));
      }
      for (const problem of problems) {
        err(`${formatSpecProblem({ ...problem, path: workspace.show(problem.path) })}\n`);
      }
      if (problems.length > 0) context.exitCode = ExitCode.usage;
    });

  command
    .command("show")
    .description("Print a spec's parsed structure with line numbers")
    .argument("<id>", "spec id, e.g. SPEC-0007 or 7")
    .addOption(formatOption())
    .addHelpText("after", "\nExample:\n  jig spec show SPEC-0007 --format json\n")
    .action(async (input: string, options: { format: string }) => {
      const workspace = await openWorkspace(context);
      const file = await readSpecById(workspace, input);
      if (!file.spec) throw new ValidationError(displayed(file.problems, workspace));
      if (options.format === "json") out(`${JSON.stringify(file.spec, null, 2)}\n`);
      else out(formatSpecShow(file.spec));
    });

  command
    .command("approve")
    .description("Set a spec's status to approved; refuses while lint reports errors")
    .argument("<id>", "spec id, e.g. SPEC-0007")
    .addHelpText("after", "\nExample:\n  jig spec approve SPEC-0007\n")
    .action(async (input: string) => {
      const workspace = await openWorkspace(context);
      const file = await readSpecById(workspace, input);
      if (!file.spec || file.text === undefined) {
        throw new ValidationError(displayed(file.problems, workspace));
      }
      const { spec } = file;
      if (spec.status === "superseded") {
        throw new UsageError(`${spec.id} is superseded; write a new spec instead of approving it`);
      }
      if (spec.status === "approved" || spec.status === "implemented") {
        out(`${spec.id} is already ${spec.status}\n`);
        return;
      }
      // Lint as if approved, so open clarification markers block approval.
      const known = await knownFailureModels(workspace, [spec]);
      const problems = lintSpec(
        { ...spec, status: "approved" },
        known ? { knownFailureModels: known } : {},
      );
      if (hasErrors(problems)) {
        printProblems(problems, workspace);
        err(`jig spec approve: ${spec.id} was not approved; fix the errors above and try again\n`);
        context.exitCode = ExitCode.fail;
        return;
      }
      // Atomic, so an interrupted approve never leaves half a spec behind.
      await writeOutputFile(context.cwd, file.absPath, setSpecStatus(file.text, "approved"));
      printProblems(problems, workspace);
      out(`${spec.id} approved (${workspace.show(spec.path)})\n`);
    });

  command
    .command("start")
    .description("Mark a spec as the active spec for the current git branch")
    .argument("<id>", "spec id, e.g. SPEC-0007")
    .addHelpText(
      "after",
      "\nExample:\n  jig spec start SPEC-0007\n\nA branch named spec-0007-... or JIG_SPEC=SPEC-0007 cites the spec too.\n",
    )
    .action(async (input: string) => {
      const workspace = await openWorkspace(context);
      const file = await readSpecById(workspace, input);
      if (!file.spec) throw new ValidationError(displayed(file.problems, workspace));
      const branch = await currentBranch(workspace.root);
      if (branch === undefined) {
        throw new GitError("HEAD is detached: check out a branch first (git switch -c <name>)");
      }
      const previous = await readActiveSpec(workspace.root, branch);
      await writeActiveSpec(workspace.root, branch, file.spec.id);
      const replaced = previous && previous !== file.spec.id ? ` (was ${previous})` : "";
      out(`${file.spec.id} is now the active spec for branch ${branch}${replaced}\n`);
      if (file.spec.status === "draft") {
        err(
          `note: ${file.spec.id} is a draft; jig check needs it approved (jig spec approve ${file.spec.id})\n`,
        );
      }
    });

  command
    .command("trace")
    .description(
      "Traceability matrix: which tests and eval scenarios cover each acceptance criterion",
    )
    .argument("[id]", "only this spec (default: every spec)")
    .addOption(formatOption())
    .addHelpText(
      "after",
      "\nExample:\n  jig spec trace SPEC-0007\n\nA test covers a criterion when its title names SPEC-0007/AC-1; an eval scenario when its covers: list does.\n",
    )
    .action(async (input: string | undefined, options: { format: string }) => {
      const workspace = await openWorkspace(context);
      const { specs, problems } = await loadSpecs(workspace.root, workspace.specsDir);
      let only: string | undefined;
      if (input !== undefined) {
        only = requireId(input);
        if (!specs.some((spec) => spec.id === only)) {
          throw new UsageError(`no spec ${only} in ${workspace.specsDir}/; run 'jig spec list'`);
        }
      }
      const references = await scanCoverage(workspace.root);
      const matrix = traceSpecs(specs, references, only === undefined ? {} : { only });
      out(options.format === "json" ? `${JSON.stringify(matrix, null, 2)}\n` : formatTrace(matrix));
      for (const problem of problems) {
        err(`${formatSpecProblem({ ...problem, path: workspace.show(problem.path) })}\n`);
      }
    });

  // Bare `jig spec` lists the subcommands instead of commander's silent "(outputHelp)" error.
  command
    .usage("<command> [options]")
    .argument("[subcommand]")
    .action((unknown: string | undefined) => {
      if (unknown !== undefined) {
        throw new UsageError(`unknown subcommand '${unknown}'; run 'jig spec --help' to see them`);
      }
      out(command.helpInformation());
      context.exitCode = ExitCode.usage;
    });

  return command;
}

async function answersInterviewer(context: CliContext, file: string): Promise<Interviewer> {
  let text: string;
  try {
    text = await readFile(resolve(context.cwd, file), "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read answers file ${file} (${reason})`, { cause: error });
  }
  return createAnswersInterviewer(readAnswersFile(text, file), file);
}

async function lintTargets(
  context: CliContext,
  workspace: Workspace,
  paths: readonly string[],
): Promise<SpecFile[]> {
  if (paths.length === 0) return (await loadSpecs(workspace.root, workspace.specsDir)).files;
  const files: SpecFile[] = [];
  for (const path of paths) {
    const absolute = resolve(context.cwd, path);
    const isDirectory = await stat(absolute).then(
      (info) => info.isDirectory(),
      () => false,
    );
    const targets = isDirectory ? await listSpecFiles(workspace.root, absolute) : [absolute];
    for (const target of targets) files.push(await readSpecFile(target, workspace.root));
  }
  return files;
}

async function readSpecById(workspace: Workspace, input: string): Promise<SpecFile> {
  const id = requireId(input);
  const absPath = await findSpecPath(workspace.root, workspace.specsDir, id);
  if (!absPath) {
    throw new UsageError(
      `no spec ${id} in ${workspace.specsDir}/; run 'jig spec list' to see the ids`,
    );
  }
  return readSpecFile(absPath, workspace.root);
}

function requireId(input: string): string {
  const id = normalizeSpecId(input);
  if (!id) throw new UsageError(`"${input}" is not a spec id; write it like SPEC-0007`);
  return id;
}

function displayed(problems: readonly Problem[], workspace: Workspace): Problem[] {
  return problems.map((problem) => ({ ...problem, path: workspace.show(problem.path) }));
}

function uniqueSpecs<T extends { path: string }>(specs: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const spec of specs) seen.set(spec.path, spec);
  return [...seen.values()];
}

function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
