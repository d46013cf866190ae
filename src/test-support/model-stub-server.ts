import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One scripted answer. `json` is shaped the way the request asks for
 * structured output (OpenAI `response_format`/content, Anthropic text or the
 * forced `json` tool); the other kinds inject faults.
 */
export type StubReply =
  | { kind: "json"; value: unknown }
  | { kind: "text"; text: string }
  | { kind: "tool-call"; name: string; arguments: unknown }
  | { kind: "status"; status: number; headers?: Record<string, string>; message?: string }
  | { kind: "hang" }
  | { kind: "malformed" };

/** What the server saw: the parsed body and its size, for assertions and benchmarks. */
export interface StubRequest {
  api: "openai" | "anthropic";
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  bytes: number;
  stream: boolean;
  /** The concatenated text of every message (system included). */
  text: string;
}

export type StubScript = StubReply | ((request: StubRequest) => StubReply);

export interface ModelStubServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Base URL for `@ai-sdk/openai` / openai-compatible (`…/v1`). */
  openaiBaseURL: string;
  /** Base URL for `@ai-sdk/anthropic` (`…/v1`). */
  anthropicBaseURL: string;
  requests: StubRequest[];
  /** Answer the next requests with these, in order. */
  enqueue(...replies: StubScript[]): void;
  /** Answer with this once the queue is empty (default: a 500 saying the script ran out). */
  setFallback(reply: StubScript): void;
  close(): Promise<void>;
}

/**
 * A local server on 127.0.0.1 speaking the real OpenAI chat-completions and
 * Anthropic messages wire formats, streaming (SSE) included. Each test
 * scripts its answers, and the server records every request body and size.
 * Faults: HTTP status codes with headers (429 + retry-after, 500), a hanging
 * response, and a malformed JSON body. Exported for every engineer's tests.
 *
 * @example
 * const stub = await startModelStubServer();
 * stub.enqueue({ kind: "status", status: 429, headers: { "retry-after": "0" } }, { kind: "json", value: { findings: [] } });
 * const model = createOpenAI({ apiKey: "test", baseURL: stub.openaiBaseURL }).chat("gpt-4.1");
 */
export async function startModelStubServer(): Promise<ModelStubServer> {
  const queue: StubScript[] = [];
  let fallback: StubScript = {
    kind: "status",
    status: 500,
    message: "model stub: no scripted reply left",
  };
  const requests: StubRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((incoming, response) => {
    void handle(incoming, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: String(error) } }));
    });
  });

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
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
        JSON.stringify({ error: { message: `model stub: no route ${incoming.method} ${path}` } }),
      );
      return;
    }
    const body = JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>;
    const request: StubRequest = {
      api,
      path,
      headers: incoming.headers,
      body,
      bytes: raw.length,
      stream: body.stream === true,
      text: requestText(body),
    };
    requests.push(request);
    const script = queue.shift() ?? fallback;
    const reply = typeof script === "function" ? script(request) : script;
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

type AnswerReply = Extract<StubReply, { kind: "json" | "text" | "tool-call" }>;

function answerOpenAI(request: StubRequest, reply: AnswerReply, response: ServerResponse): void {
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

function answerAnthropic(request: StubRequest, reply: AnswerReply, response: ServerResponse): void {
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

function errorBody(api: "openai" | "anthropic", status: number, message = `stub error ${status}`) {
  const type =
    status === 429 ? "rate_limit_error" : status >= 500 ? "api_error" : "invalid_request_error";
  return api === "openai"
    ? { error: { message, type, code: null, param: null } }
    : { type: "error", error: { type, message } };
}

function requestText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const collect = (content: unknown) => {
    if (typeof content === "string") parts.push(content);
    else if (Array.isArray(content)) {
      for (const part of content as Array<{ text?: unknown }>)
        if (typeof part.text === "string") parts.push(part.text);
    }
  };
  collect(body.system);
  for (const message of (body.messages as Array<{ content?: unknown }> | undefined) ?? [])
    collect(message.content);
  return parts.join("\n");
}

function split(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let index = 0; index < text.length; index += size)
    pieces.push(text.slice(index, index + size));
  return pieces.length > 0 ? pieces : [""];
}
