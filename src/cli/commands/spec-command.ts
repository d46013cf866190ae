import { join, relative, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { Command, Option } from "commander";
import { type JigConfig, loadConfig } from "../../config/index.js";
import { ExitCode, GitError, UsageError, ValidationError } from "../../core/errors.js";
import { fileSystemErrorMessage } from "../../core/file-system-error-message.js";
import type { Problem } from "../../core/problem.js";
import { readTextFile } from "../../core/read-text-file.js";
import { currentBranch, findRepoRoot, readGitIdentity, tryGit } from "../../git/index.js";
import {
  ANSWERS_TEMPLATE,
  approveSpec,
  createAnswersInterviewer,
  createTtyInterviewer,
  findSpecById,
  type Interviewer,
  type KnownFailureModels,
  lintSpecFiles,
  loadSpecs,
  readActiveSpec,
  readAnswersFile,
  readLintTargets,
  requireSpecId,
  runInterview,
  type SpecDraft,
  scanCoverage,
  sortProblems,
  traceSpecs,
  writeActiveSpec,
  writeNewSpec,
} from "../../spec/index.js";
import type { CliContext } from "../cli-context.js";
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

const formatOption = (): Option =>
  new Option("--format <format>", "output format").choices(["text", "json"]).default("text");

/**
 * `jig spec`: write specs through an interview, lint them, list and show
 * them, approve them, mark one active for a branch, and trace criteria to
 * tests and eval scenarios.
 */
export function createCommand(context: CliContext): Command {
  const command = new Command("spec")
    .description("Write (interview), lint, list, show, approve, start and trace specs")
    .addHelpText(
      "after",
      "\nExamples:\n  jig spec new --title 'Cap automatic refunds'\n  jig spec lint && jig spec approve SPEC-0001\n  jig spec trace SPEC-0001\n\nRun 'jig spec <command> --help' for each command's flags.\n",
    );
  for (const add of [
    addNewCommand,
    addLintCommand,
    addListCommand,
    addShowCommand,
    addApproveCommand,
    addStartCommand,
    addTraceCommand,
  ])
    add(command, context);
  // Bare `jig spec` lists the subcommands instead of commander's silent "(outputHelp)" error.
  command
    .usage("<command> [options]")
    .argument("[subcommand]")
    .action((unknown: string | undefined) => {
      if (unknown !== undefined) {
        throw new UsageError(`unknown subcommand '${unknown}'; run 'jig spec --help' to see them`);
      }
      context.stdout.write(command.helpInformation());
      context.exitCode = ExitCode.usage;
    });
  return command;
}

interface NewSpecFlags {
  template?: boolean;
  title?: string;
  answers?: string;
  nonInteractive?: boolean;
  model?: string;
  ai: boolean;
}

/** `jig spec new`: interview, let a model ask clarifying questions, write the next draft. */
function addNewCommand(command: Command, context: CliContext): void {
  command
    .command("new")
    .description("Interview for a new spec and write specs/SPEC-NNNN-<slug>.md as a draft")
    .option("--title <title>", "title of the spec (skips that question)")
    .option("--answers <file>", "answer the interview from a YAML file (for agents and CI)")
    .option("--non-interactive", "never prompt; requires --answers")
    .option("--template", "print a fill-in answers file for --answers and exit")
    .option(
      "--model <id>",
      "model that proposes up to 5 clarifying questions (default: models.reviewer)",
    )
    .option("--no-ai", "skip the model's clarifying questions")
    .addHelpText(
      "after",
      "\nExample:\n  jig spec new --title 'Login throttling'\n  jig spec new --template > answers.yaml   # fill it in, then:\n  jig spec new --answers answers.yaml --non-interactive\n\nWith a model configured (models.reviewer, JIG_REVIEW_MODEL or --model), it proposes up to\n5 multiple-choice clarifying questions after the interview; an answers file answers them\nas clarify-1 .. clarify-5. The answers file format is in docs/spec-format.md.\n",
    )
    .action(async (options: NewSpecFlags) => {
      if (options.template) {
        context.stdout.write(ANSWERS_TEMPLATE);
        return;
      }
      const interviewer = await chooseInterviewer(context, options);
      const workspace = await openWorkspace(context);
      const owner = (await tryGit(["config", "user.name"], workspace.root))?.trim();
      const draft = await runInterview(interviewer, {
        ...(options.title !== undefined ? { title: options.title } : {}),
        ...(owner ? { owner } : {}),
      });
      if (options.ai) await clarifyWithModel(context, workspace, interviewer, draft, options.model);
      const { id, absPath } = await writeNewSpec(workspace.root, workspace.specsDir, draft);
      context.stdout.write(`${relative(context.cwd, absPath)}\n`);
      if (draft.clarifications.length > 0) {
        context.stderr.write(
          `${id} has ${draft.clarifications.length} open clarification(s); answer them, then run 'jig spec lint' and 'jig spec approve ${id}'\n`,
        );
      }
    });
}

/** The answers file when given, else the terminal; neither is a usage error. */
async function chooseInterviewer(context: CliContext, options: NewSpecFlags): Promise<Interviewer> {
  if (options.answers !== undefined) {
    let text: string;
    try {
      text = await readTextFile(resolve(context.cwd, options.answers));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      const known = fileSystemErrorMessage(error, context.cwd);
      throw new UsageError(
        known ? `answers file ${known}` : `cannot read answers file ${options.answers} (${reason})`,
        { cause: error },
      );
    }
    return createAnswersInterviewer(readAnswersFile(text, options.answers), options.answers);
  }
  if (options.nonInteractive) {
    throw new UsageError("--non-interactive needs --answers FILE (see docs/spec-format.md)");
  }
  if (!context.stdin.isTTY || !context.stdout.isTTY) {
    throw new UsageError(
      "no terminal to interview on: pass --answers FILE (see docs/spec-format.md)",
    );
  }
  // The context streams are the real process streams when they are TTYs.
  return createTtyInterviewer({
    input: context.stdin as unknown as Readable,
    output: context.stdout as unknown as Writable,
  });
}

/** Add the model's clarifying questions to the draft, when a reviewer model is configured. */
async function clarifyWithModel(
  context: CliContext,
  workspace: Workspace,
  inner: Interviewer,
  draft: SpecDraft,
  flag: string | undefined,
): Promise<void> {
  // Deep import: roles are pure, and the AI SDK loads only when a model is configured.
  const { resolveModelRoles } = await import("../../models/model-roles.js");
  const { reviewer } = resolveModelRoles(workspace.config, context.env, { reviewer: flag });
  if (!reviewer) return;
  const { clarifySpecDraft } = await import("../../review/index.js");
  const { config, root } = workspace;
  const clarified = await clarifySpecDraft({
    reviewer,
    config,
    env: context.env,
    cwd: root,
    inner,
    draft,
  });
  if (clarified.skipped !== undefined)
    context.stderr.write(
      `jig spec new: the model's clarifying questions were skipped: ${clarified.skipped}\n`,
    );
  if (clarified.answered.length > 0) draft.answered = clarified.answered;
  draft.clarifications.push(...clarified.open);
}

/** `jig spec lint`: the spec rules on the named specs, or on all of them. */
function addLintCommand(command: Command, context: CliContext): void {
  command
    .command("lint")
    .description(
      "Check specs against the format rules (JIG-S001...); exit 1 on errors, 2 if unparsable",
    )
    .argument("[paths...]", "spec files or folders (default: every spec in the specs folder)")
    .addHelpText("after", "\nExample:\n  jig spec lint\n  jig spec lint specs/SPEC-0007-login.md\n")
    .action(async (paths: string[]) => {
      const workspace = await openWorkspace(context);
      const absolute = paths.map((path) => resolve(context.cwd, path));
      const files = await readLintTargets(workspace.root, workspace.specsDir, absolute);
      const problems = await lintSpecFiles({
        repoRoot: workspace.root,
        specsDir: workspace.specsDir,
        files,
        knownFailureModels: failureModelIds(workspace),
      });
      printProblems(context, problems, workspace);
      const errors = problems.filter((problem) => problem.severity !== "warning").length;
      const warnings = problems.length - errors;
      context.stdout.write(
        `${files.length} spec(s) checked: ${errors} error(s), ${warnings} warning(s)\n`,
      );
      if (files.some((file) => !file.spec)) context.exitCode = ExitCode.usage;
      else context.exitCode = errors > 0 ? ExitCode.fail : ExitCode.pass;
    });
}

/** `jig spec list`: id, status, title and path of every spec. */
function addListCommand(command: Command, context: CliContext): void {
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
        context.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      } else {
        context.stdout.write(formatSpecList(specs));
      }
      for (const problem of displayed(problems, workspace))
        context.stderr.write(`${formatSpecProblem(problem)}\n`);
      if (problems.length > 0) context.exitCode = ExitCode.usage;
    });
}

/** `jig spec show ID`: one spec's parsed structure. */
function addShowCommand(command: Command, context: CliContext): void {
  command
    .command("show")
    .description("Print a spec's parsed structure with line numbers")
    .argument("<id>", "spec id, e.g. SPEC-0007 or 7")
    .addOption(formatOption())
    .addHelpText("after", "\nExample:\n  jig spec show SPEC-0007 --format json\n")
    .action(async (input: string, options: { format: string }) => {
      const workspace = await openWorkspace(context);
      const file = await findSpecById(workspace.root, workspace.specsDir, input);
      if (!file.spec) throw new ValidationError(displayed(file.problems, workspace));
      context.stdout.write(
        options.format === "json"
          ? `${JSON.stringify(file.spec, null, 2)}\n`
          : formatSpecShow(file.spec),
      );
    });
}

/** `jig spec approve ID`: approve a spec that lints clean as approved, recording who and when. */
function addApproveCommand(command: Command, context: CliContext): void {
  command
    .command("approve")
    .description(
      "Approve a spec: set status approved and record who (git identity), when and a content hash; refuses while lint reports errors",
    )
    .argument("<id>", "spec id, e.g. SPEC-0007")
    .addHelpText(
      "after",
      "\nExample:\n  jig spec approve SPEC-0007\n\nThe approver is git's user.name and user.email. The approval counts for the guard\nonce it is on the branch's base (merged), so a person reviews it there.\n",
    )
    .action(async (input: string) => {
      const workspace = await openWorkspace(context);
      const file = await findSpecById(workspace.root, workspace.specsDir, input);
      if (!file.spec || file.text === undefined) {
        throw new ValidationError(displayed(file.problems, workspace));
      }
      const approver = await readGitIdentity(workspace.root);
      if (approver === undefined) {
        throw new UsageError(
          "no git identity to record as the approver: set it with git config user.name 'Your Name' and git config user.email you@example.com",
        );
      }
      const approval = await approveSpec(file, {
        approver,
        now: context.now,
        knownFailureModels: failureModelIds(workspace),
      });
      if (approval.outcome === "already") {
        context.stdout.write(
          `${approval.id} is already ${approval.status} (by ${approval.approval.by} at ${approval.approval.at})\n`,
        );
        return;
      }
      printProblems(context, approval.problems, workspace);
      if (approval.outcome === "refused") {
        context.stderr.write(
          `jig spec approve: ${approval.id} was not approved; fix the errors above and try again\n`,
        );
        context.exitCode = ExitCode.fail;
        return;
      }
      context.stdout.write(
        `${approval.id} approved by ${approval.approval.by} (${workspace.show(file.spec.path)})\n`,
      );
    });
}

/** `jig spec start ID`: record the active spec of the current branch. */
function addStartCommand(command: Command, context: CliContext): void {
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
      const file = await findSpecById(workspace.root, workspace.specsDir, input);
      if (!file.spec) throw new ValidationError(displayed(file.problems, workspace));
      const branch = await currentBranch(workspace.root);
      if (branch === undefined) {
        throw new GitError("HEAD is detached: check out a branch first (git switch -c <name>)");
      }
      const previous = await readActiveSpec(workspace.root, branch);
      await writeActiveSpec(workspace.root, branch, file.spec.id);
      const replaced = previous && previous !== file.spec.id ? ` (was ${previous})` : "";
      context.stdout.write(
        `${file.spec.id} is now the active spec for branch ${branch}${replaced}\n`,
      );
      if (file.spec.status === "draft") {
        context.stderr.write(
          `note: ${file.spec.id} is a draft; jig check needs it approved (jig spec approve ${file.spec.id})\n`,
        );
      }
    });
}

/** `jig spec trace [ID]`: which tests and eval scenarios cover each criterion. */
function addTraceCommand(command: Command, context: CliContext): void {
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
      const only = input === undefined ? undefined : requireSpecId(input);
      if (only !== undefined && !specs.some((spec) => spec.id === only)) {
        throw new UsageError(`no spec ${only} in ${workspace.specsDir}/; run 'jig spec list'`);
      }
      const references = await scanCoverage(workspace.root);
      const matrix = traceSpecs(specs, references, only === undefined ? {} : { only });
      context.stdout.write(
        options.format === "json" ? `${JSON.stringify(matrix, null, 2)}\n` : formatTrace(matrix),
      );
      for (const problem of displayed(problems, workspace))
        context.stderr.write(`${formatSpecProblem(problem)}\n`);
    });
}

/**
 * The failure-model catalog's ids (shipped and project), for lint to flag
 * cited ids that do not exist (JIG-S013). Loaded only when a spec cites one.
 */
function failureModelIds(workspace: Workspace): KnownFailureModels {
  return async () => {
    const { loadCatalog } = await import("../../failures/index.js");
    const catalog = await loadCatalog({ repoRoot: workspace.root, config: workspace.config });
    return new Set(catalog.entries.map((entry) => entry.id));
  };
}

function printProblems(
  context: CliContext,
  problems: readonly Problem[],
  workspace: Workspace,
): void {
  for (const problem of displayed(sortProblems(problems), workspace))
    context.stdout.write(`${formatSpecProblem(problem)}\n`);
}

function displayed(problems: readonly Problem[], workspace: Workspace): Problem[] {
  return problems.map((problem) => ({ ...problem, path: workspace.show(problem.path) }));
}
