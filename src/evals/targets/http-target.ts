import { renderTemplate } from "../render-template.js";
import { type HttpAgents, sendRequest, throwIfTransient } from "./http-request.js";
import { withRetries } from "./retry.js";
import { type Target, type TargetCall, TargetError, type TargetOutput } from "./target.js";

export interface HttpTargetOptions {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string | undefined;
  retries: number;
  agents: HttpAgents;
  clock?: () => number;
}

/**
 * Calls an endpoint per scenario; the output is the status and the body.
 * 429 and 5xx are retried as transient (a 5xx that survives its retries is
 * an error, not a failure); other statuses are outputs for `status`.
 */
export function createHttpTarget(options: HttpTargetOptions): Target {
  const clock = options.clock ?? (() => performance.now());
  return {
    kind: "http",
    async call(call: TargetCall): Promise<TargetOutput> {
      const values = { ...call.scenario.vars, input: call.input };
      let url: URL;
      try {
        url = new URL(renderTemplate(options.url, values));
      } catch {
        throw new TargetError(`bad URL "${renderTemplate(options.url, values)}"`);
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(options.headers)) {
        headers[name.toLowerCase()] = renderTemplate(value, values);
      }
      const method = options.method.toUpperCase();
      const hasBody = method !== "GET" && method !== "HEAD";
      const body = hasBody ? renderTemplate(options.body ?? "{{input}}", values) : undefined;
      const started = clock();
      const response = await withRetries(
        async () => {
          const result = await sendRequest(options.agents, {
            method,
            url,
            headers,
            body,
            timeoutMs: call.timeoutMs,
          });
          throwIfTransient(result, Date.now());
          return result;
        },
        { retries: options.retries },
      );
      return { text: response.body, status: response.status, latencyMs: clock() - started };
    },
    async close() {},
  };
}
