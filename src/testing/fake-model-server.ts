import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One scripted answer. `json` is shaped the way the request asks for
 * structured output (OpenAI `response_format`/content, Anthropic text or the
 * forced `json` tool); the other kinds inject faults.
 */
export type FakeModelReply =
  | { kind: "json"; value: unknown }
  | { kind: "text"; text: string }
  | { kind: "tool-call"; name: string; arguments: unknown }
  | { kind: "status"; status: number; headers?: Record<string, string>; message?: string }
  | { kind: "hang" }
  | { kind: "malformed" };

/** What the server saw: the parsed body and its size, for assertions and benchmarks. */
export interface FakeModelRequest {
  api: "openai" | "anthropic";
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  bytes: number;
  stream: boolean;
  /** The concatenated text of every message (system included). */
  text: string;
  /** The text of the last user message: what a target or judge was asked. */
  prompt: string;
  /** When it arrived, in ms (`performance.now()`), for rate-limit assertions. */
  arrivedAt: number;
}

/** A fixed reply, or a function of the request (to echo it, or to answer by content). */
export type FakeModelScript = FakeModelReply | ((request: FakeModelRequest) => FakeModelReply);

export interface FakeModelServerOptions {
  /** Wait this long before each answer, ms, so concurrency can be observed. */
  latencyMs?: number;
  /** The reply once the queue is empty; default a 500 saying the script ran out. */
  fallback?: FakeModelScript;
}

export interface FakeModelServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Base URL for `@ai-sdk/openai`, openai-compatible providers and jig's `JIG_OPENAI_COMPATIBLE_BASE_URL` (`…/v1`). */
  openaiBaseURL: string;
  /** Base URL for `@ai-sdk/anthropic` (`…/v1`). */
  anthropicBaseURL: string;
  /** Every request, in arrival order. */
  requests: FakeModelRequest[];
  /** The most requests that were in flight at once. */
  readonly maxInFlight: number;
  /** Answer the next requests with these, in order. */
  enqueue(...replies: FakeModelScript[]): void;
  /** Answer with this once the queue is empty. */
  setFallback(reply: FakeModelScript): void;
  close(): Promise<void>;
}

/** Answers every request with its own prompt: the model that says back what it was asked. */
export const echoPrompt: FakeModelScript = (request) => ({ kind: "text", text: request.prompt });

/**
 * A local model server on 127.0.0.1 speaking the real OpenAI chat-completions
 * and Anthropic messages wire formats, streaming (SSE) included, so tests run
 * the real provider clients with no network and no keys. Each test scripts
 * its answers; the server records every request. Faults: HTTP statuses with
 * headers (429 + retry-after, 500), a hanging response, a malformed body.
 * It is the one fake model server for jig's own tests, exported by
 * `jig/testing` for anyone testing a layer, target or judge that calls a model.
 *
 * @example
 * const server = await startFakeModelServer();
 * server.enqueue({ kind: "status", status: 429, headers: { "retry-after": "0" } }, { kind: "json", value: { findings: [] } });
 * const model = createOpenAI({ apiKey: "test", baseURL: server.openaiBaseURL }).chat("gpt-4.1");
 * // ...
 * await server.close();
 */
export async function startFakeModelServer(
  options: FakeModelServerOptions = {},
): Promise<FakeModelServer> {
  const queue: FakeModelScript[] = [];
  let fallback: FakeModelScript = options.fallback ?? {
    kind: "status",
    status: 500,
    message: "fake model server: no scripted reply left",
  };
  const requests: FakeModelRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((incoming, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on("close", () => inFlight--);
    void handle(incoming, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: String(error) } }));
    });
  });

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = (incoming.url ?? "/").split("?")[0] ?? "/";
    const api = path.endsWith("/messages")
      ? "anthropic"
      : path.endsWith("/chat/completions")
        ? "openai"
        : undefined;
    if (!api || incoming.method !== "POST") {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          error: { message: `fake model server: no route ${incoming.method} ${path}` },
        }),
      );
      return;
    }
    const body = JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>;
    const request: FakeModelRequest = {
      api,
      path,
      headers: incoming.headers,
      body,
      bytes: raw.length,
      stream: body.stream === true,
      text: requestText(body),
      prompt: lastUserText(body),
      arrivedAt,
    };
    requests.push(request);
    const script = queue.shift() ?? fallback;
    const reply = typeof script === "function" ? script(request) : script;
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    switch (reply.kind) {
      case "hang":
        // Never answer; the client's timeout must fire. Closed on shutdown.
        hanging.add(response);
        return;
      case "malformed":
        response.writeHead(200, { "content-type": "application/json" });
        response.end('{"id": "broken", "choices": [ {"message": ');
        return;
      case "status":
        response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        response.end(JSON.stringify(errorBody(api, reply.status, reply.message)));
        return;
      default:
        if (api === "openai") answerOpenAI(request, reply, response);
        else answerAnthropic(request, reply, response);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: `${url}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    enqueue: (...replies) => void queue.push(...replies),
    setFallback(reply) {
      fallback = reply;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A URL on 127.0.0.1 where nothing listens: for connection-refused tests. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

type AnswerReply = Extract<FakeModelReply, { kind: "json" | "text" | "tool-call" }>;

function answerOpenAI(
  request: FakeModelRequest,
  reply: AnswerReply,
  response: ServerResponse,
): void {
  const model = String(request.body.model ?? "stub");
  const created = 1_700_000_000;
  const promptTokens = Math.ceil(request.bytes / 4);
  const toolCall =
    reply.kind === "tool-call"
      ? {
          id: "call_1",
          type: "function",
          function: { name: reply.name, arguments: JSON.stringify(reply.arguments) },
        }
      : undefined;
  const content =
    reply.kind === "json" ? JSON.stringify(reply.value) : reply.kind === "text" ? reply.text : null;
  const completionTokens = Math.ceil((content ?? JSON.stringify(toolCall)).length / 4);
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  const finish = toolCall ? "tool_calls" : "stop";
  if (!request.stream) {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        id: "chatcmpl-stub",
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content,
              ...(toolCall ? { tool_calls: [toolCall] } : {}),
            },
            finish_reason: finish,
          },
        ],
        usage,
      }),
    );
    return;
  }
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (
    delta: unknown,
    finishReason: string | null,
    extra: Record<string, unknown> = {},
  ) =>
    `data: ${JSON.stringify({ id: "chatcmpl-stub", object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`;
  response.write(chunk({ role: "assistant", content: "" }, null));
  if (content !== null) {
    for (const piece of split(content)) response.write(chunk({ content: piece }, null));
  }
  if (toolCall) {
    response.write(
      chunk(
        {
          tool_calls: [
            {
              index: 0,
              id: toolCall.id,
              type: "function",
              function: { name: toolCall.function.name, arguments: "" },
            },
          ],
        },
        null,
      ),
    );
    for (const piece of split(toolCall.function.arguments)) {
      response.write(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
    }
  }
  response.write(chunk({}, finish, { usage }));
  response.end("data: [DONE]\n\n");
}

function answerAnthropic(
  request: FakeModelRequest,
  reply: AnswerReply,
  response: ServerResponse,
): void {
  const model = String(request.body.model ?? "stub");
  const tools = Array.isArray(request.body.tools)
    ? (request.body.tools as Array<{ name?: string }>)
    : [];
  const toolChoice = request.body.tool_choice as { type?: string; name?: string } | undefined;
  // jsonTool mode: the SDK forces a tool named "json" and reads its input.
  const forcedJsonTool = tools.some((tool) => tool.name === "json") && toolChoice?.type !== "auto";
  let block: Record<string, unknown>;
  if (reply.kind === "tool-call")
    block = { type: "tool_use", id: "toolu_stub", name: reply.name, input: reply.arguments };
  else if (reply.kind === "json" && forcedJsonTool)
    block = { type: "tool_use", id: "toolu_stub", name: "json", input: reply.value };
  else
    block = {
      type: "text",
      text: reply.kind === "json" ? JSON.stringify(reply.value) : reply.text,
    };
  const inputTokens = Math.ceil(request.bytes / 4);
  const outputTokens = Math.ceil(JSON.stringify(block).length / 4);
  const stopReason = block.type === "tool_use" ? "tool_use" : "end_turn";
  if (!request.stream) {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        id: "msg_stub",
        type: "message",
        role: "assistant",
        model,
        content: [block],
        stop_reason: stopReason,
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: outputTokens },
      }),
    );
    return;
  }
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const event = (name: string, data: unknown) =>
    response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  event("message_start", {
    type: "message_start",
    message: {
      id: "msg_stub",
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: inputTokens, output_tokens: 1 },
    },
  });
  if (block.type === "tool_use") {
    event("content_block_start", {
      type: "content_block_start",
      index: 0,
      content_block: { ...block, input: {} },
    });
    for (const piece of split(JSON.stringify(block.input))) {
      event("content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: { type: "input_json_delta", partial_json: piece },
      });
    }
  } else {
    event("content_block_start", {
      type: "content_block_start",
      index: 0,
      content_block: { type: "text", text: "" },
    });
    for (const piece of split(String(block.text))) {
      event("content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text: piece },
      });
    }
  }
  event("content_block_stop", { type: "content_block_stop", index: 0 });
  event("message_delta", {
    type: "message_delta",
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: outputTokens },
  });
  event("message_stop", { type: "message_stop" });
  response.end();
}

function errorBody(
  api: "openai" | "anthropic",
  status: number,
  message = `fake model server: error ${status}`,
) {
  const type =
    status === 429 ? "rate_limit_error" : status >= 500 ? "api_error" : "invalid_request_error";
  return api === "openai"
    ? { error: { message, type, code: null, param: null } }
    : { type: "error", error: { type, message } };
}

/** The text parts of one message's content, which is a string or an array of parts. */
function contentText(content: unknown): string[] {
  if (typeof content === "string") return [content];
  if (!Array.isArray(content)) return [];
  return (content as Array<{ text?: unknown }>).flatMap((part) =>
    typeof part.text === "string" ? [part.text] : [],
  );
}

type WireMessage = { role?: unknown; content?: unknown };

function requestText(body: Record<string, unknown>): string {
  const messages = (body.messages as WireMessage[] | undefined) ?? [];
  return [contentText(body.system), ...messages.map((message) => contentText(message.content))]
    .flat()
    .join("\n");
}

function lastUserText(body: Record<string, unknown>): string {
  const messages = (body.messages as WireMessage[] | undefined) ?? [];
  const last = messages.filter((message) => message.role === "user").at(-1);
  return contentText(last?.content).join("\n");
}

function split(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let index = 0; index < text.length; index += size)
    pieces.push(text.slice(index, index + size));
  return pieces.length > 0 ? pieces : [""];
}
