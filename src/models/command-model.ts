import { spawn } from "node:child_process";
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider";
import { APICallError } from "ai";

export interface CommandModelOptions {
  /** Directory the command runs in (the repo root). */
  cwd: string;
  /** Environment of the command. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * A CLI agent used as a model: the prompt goes to the command's stdin and its
 * stdout is the answer. It implements the AI SDK's `LanguageModelV3`, so the
 * client, cache, cassette and structured output treat it like any provider.
 *
 * `claude -p --output-format json` prints `{"type":"result","result":...}`;
 * the `result` (and its token usage) is unwrapped. Other CLIs (`codex exec`,
 * `aider --message-file -`...) print the answer as plain text.
 *
 * @example
 * const model = createCommandModel("claude -p --output-format json", { cwd, env });
 * const { text } = await generateText({ model, prompt: "Say hi" });
 */
export function createCommandModel(command: string, options: CommandModelOptions): LanguageModelV3 {
  const generate = async (
    call: LanguageModelV3CallOptions,
  ): Promise<LanguageModelV3GenerateResult> => {
    const prompt = renderPromptText(call.prompt, call.responseFormat);
    const output = await runCommand(command, prompt, options, call.abortSignal);
    const answer = unwrapAnswer(output);
    const text = call.responseFormat?.type === "json" ? extractJson(answer.text) : answer.text;
    return {
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "exit-0" },
      usage: {
        inputTokens: {
          total: answer.inputTokens ?? estimateTokens(prompt),
          noCache: undefined,
          cacheRead: undefined,
          cacheWrite: undefined,
        },
        outputTokens: {
          total: answer.outputTokens ?? estimateTokens(answer.text),
          text: undefined,
          reasoning: undefined,
        },
      },
      warnings: [],
      request: { body: prompt },
    };
  };
  return {
    specificationVersion: "v3",
    provider: "command",
    modelId: command,
    supportedUrls: {},
    doGenerate: generate,
    async doStream(call) {
      const result = await generate(call);
      const text = result.content[0]?.type === "text" ? result.content[0].text : "";
      const parts: LanguageModelV3StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "text-start", id: "0" },
        { type: "text-delta", id: "0", delta: text },
        { type: "text-end", id: "0" },
        { type: "finish", usage: result.usage, finishReason: result.finishReason },
      ];
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
}

/**
 * The AI SDK prompt as plain text for a CLI. A JSON response format becomes
 * an instruction with the schema, since a CLI has no `response_format`.
 */
export function renderPromptText(
  prompt: LanguageModelV3Prompt,
  responseFormat: LanguageModelV3CallOptions["responseFormat"],
): string {
  const blocks: string[] = [];
  for (const message of prompt) {
    if (message.role === "system") {
      blocks.push(message.content);
      continue;
    }
    const texts: string[] = [];
    for (const part of message.content) {
      if (part.type === "text") texts.push(part.text);
    }
    const body = texts.join("\n");
    blocks.push(message.role === "user" ? body : `[${message.role}]\n${body}`);
  }
  if (responseFormat?.type === "json") {
    blocks.push(
      responseFormat.schema
        ? `Answer with only one JSON object (no prose, no code fence) that validates against this JSON Schema:\n${JSON.stringify(responseFormat.schema)}`
        : "Answer with only one JSON object (no prose, no code fence).",
    );
  }
  return `${blocks.join("\n\n")}\n`;
}

interface CommandAnswer {
  text: string;
  inputTokens?: number;
  outputTokens?: number;
}

/** Unwrap `claude -p --output-format json`; any other stdout is the answer itself. */
function unwrapAnswer(stdout: string): CommandAnswer {
  const trimmed = stdout.trim();
  if (trimmed.startsWith("{")) {
    try {
      const parsed = JSON.parse(trimmed) as {
        type?: unknown;
        result?: unknown;
        usage?: { input_tokens?: unknown; output_tokens?: unknown };
      };
      if (parsed.type === "result" && typeof parsed.result === "string") {
        const answer: CommandAnswer = { text: parsed.result };
        if (typeof parsed.usage?.input_tokens === "number")
          answer.inputTokens = parsed.usage.input_tokens;
        if (typeof parsed.usage?.output_tokens === "number")
          answer.outputTokens = parsed.usage.output_tokens;
        return answer;
      }
    } catch {
      // Not JSON after all: the whole output is the answer.
    }
  }
  return { text: trimmed };
}

/** CLIs like to wrap JSON in prose or a code fence; keep the outermost object. */
function extractJson(text: string): string {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  return start !== -1 && end > start ? text.slice(start, end + 1) : text;
}

/** About four characters per token, the usual rule of thumb for English and code. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function runCommand(
  command: string,
  input: string,
  options: CommandModelOptions,
  signal: AbortSignal | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn("sh", ["-c", command], {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    // On timeout, killing `sh` is not enough: a command it forked (`claude`,
    // `sleep`...) keeps the pipes open, and the open pipes would keep jig
    // running until that command ends. So also let go of the pipes.
    const abandon = () => {
      child.kill("SIGKILL");
      child.stdin.destroy();
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
      reject(signal?.reason ?? new Error("aborted"));
    };
    signal?.addEventListener("abort", abandon, { once: true });
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on("error", () => {
      // The command may exit without reading its stdin; its exit code says enough.
    });
    child.on("error", (error) => {
      signal?.removeEventListener("abort", abandon);
      if (signal?.aborted) reject(signal.reason ?? error);
      else reject(commandError(command, `could not start: ${error.message}`, false));
    });
    child.on("close", (code) => {
      signal?.removeEventListener("abort", abandon);
      if (signal?.aborted) return;
      if (code === 0) resolve(Buffer.concat(stdout).toString("utf8"));
      else {
        const detail = Buffer.concat(stderr)
          .toString("utf8")
          .trim()
          .split("\n")
          .slice(-3)
          .join(" | ");
        reject(commandError(command, `exited with ${code}${detail ? `: ${detail}` : ""}`, false));
      }
    });
    child.stdin.end(input);
  });
}

function commandError(command: string, message: string, retryable: boolean): APICallError {
  return new APICallError({
    message: `command model "${command}" ${message}`,
    url: `command:${command}`,
    requestBodyValues: {},
    isRetryable: retryable,
  });
}
