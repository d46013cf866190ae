import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOpenAiServerOptions {
  /** Fixed delay before each answer, ms. */
  latencyMs?: number;
  /** The answer text for a prompt. Default: echo the last user message. */
  answer?: (prompt: string, body: Record<string, unknown>) => string;
  /** Statuses to send for the first requests, in order (e.g. [429, 500]). */
  failures?: number[];
}

export interface FakeOpenAiServer {
  /** Base URL ending in /v1. */
  baseURL: string;
  requests: Array<Record<string, unknown>>;
  /** When each request arrived, in ms (performance.now()). */
  arrivals: number[];
  /** Highest number of requests in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

/**
 * A local server speaking the OpenAI chat-completions wire format, for
 * tests of model targets and judges (no network, no keys).
 */
export async function startFakeOpenAiServer(
  options: FakeOpenAiServerOptions = {},
): Promise<FakeOpenAiServer> {
  const failures = [...(options.failures ?? [])];
  let inFlight = 0;
  const state: FakeOpenAiServer = {
    baseURL: "",
    requests: [],
    arrivals: [],
    maxInFlight: 0,
    close: async () => {},
  };
  const server = createServer(async (request, response) => {
    state.arrivals.push(performance.now());
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    state.requests.push(body);
    const respond = () => {
      inFlight--;
      const failure = failures.shift();
      if (failure !== undefined) {
        response.writeHead(failure, { "content-type": "application/json", "retry-after": "0" });
        response.end(JSON.stringify({ error: { message: `fake ${failure}` } }));
        return;
      }
      const messages = body.messages as Array<{ role: string; content: string }>;
      const prompt = messages.filter((message) => message.role === "user").at(-1)?.content ?? "";
      const text = options.answer ? options.answer(prompt, body) : prompt;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          id: "chatcmpl-fake",
          object: "chat.completion",
          model: body.model,
          choices: [
            { index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    };
    if (options.latencyMs) setTimeout(respond, options.latencyMs);
    else respond();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  state.baseURL = `http://127.0.0.1:${port}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
