import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  conformanceCall,
  describeTargetConformance,
  type TargetHarness,
} from "../../testing/describe-target-conformance.js";
import {
  echoPrompt,
  type FakeModelReply,
  type FakeModelServer,
  startFakeModelServer,
} from "../../testing/fake-model-server.js";
import { createChatClient } from "./chat-client.js";
import { createCommandTarget } from "./command-target.js";
import { createHttpAgents } from "./http-request.js";
import { createHttpTarget } from "./http-target.js";
import { createModelTarget } from "./model-target.js";
import { createModuleTarget } from "./module-target.js";
import { TargetError } from "./target.js";

const call = conformanceCall;

/** A server error the client may retry at once. */
const serverError: FakeModelReply = {
  kind: "status",
  status: 500,
  headers: { "retry-after": "0" },
};

let dir: string;
let model: FakeModelServer;
let broken: FakeModelServer;
let echo: Server;
let echoUrl: string;
const agents = createHttpAgents();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jig-targets-"));
  writeFileSync(
    join(dir, "echo.mjs"),
    `let input = ""; process.stdin.on("data", (c) => (input += c)); process.stdin.on("end", () => { process.stdout.write(process.env.JIG_VAR_NAME + ":" + input); });`,
  );
  writeFileSync(
    join(dir, "crash.mjs"),
    `process.stderr.write("boom: bad state\\n"); process.kill(process.pid, "SIGSEGV");`,
  );
  writeFileSync(join(dir, "hang.mjs"), `setInterval(() => {}, 1000);`);
  writeFileSync(
    join(dir, "skill.mjs"),
    `export function run(vars, { input }) { return { greeting: vars.name + ":" + input }; }\nexport function fail() { throw new Error("no refunds today"); }`,
  );
  model = await startFakeModelServer({ fallback: echoPrompt });
  broken = await startFakeModelServer({ fallback: serverError });
  echo = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      response.writeHead(201, { "content-type": "text/plain" });
      response.end(`${request.method} ${request.url} ${request.headers["x-name"]} ${body}`);
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});

afterAll(async () => {
  agents.destroy();
  await Promise.all([model.close(), broken.close(), new Promise((resolve) => echo.close(resolve))]);
  rmSync(dir, { recursive: true, force: true });
});

const env = { PATH: process.env.PATH };

/** Every Target implementation, built to echo the var `name` and the input. */
const implementations: TargetHarness[] = [
  {
    kind: "command",
    working: () => createCommandTarget({ command: [process.execPath, "echo.mjs"], root: dir, env }),
    failing: () =>
      createCommandTarget({ command: [process.execPath, "crash.mjs"], root: dir, env }),
  },
  {
    kind: "http",
    working: () =>
      createHttpTarget({
        method: "POST",
        url: `${echoUrl}/skill?n={{name}}`,
        headers: { "X-Name": "{{name}}" },
        body: "{{input}}",
        retries: 0,
        agents,
      }),
    failing: () =>
      createHttpTarget({
        method: "GET",
        url: "http://127.0.0.1:9/none",
        headers: {},
        retries: 1,
        agents,
      }),
  },
  {
    kind: "model",
    working: () =>
      createModelTarget({
        model: "openai-compatible:fake",
        prompt: "{{name}}:{{input}}",
        retries: 0,
        client: createChatClient(agents, {
          env: { JIG_OPENAI_COMPATIBLE_BASE_URL: model.openaiBaseURL },
        }),
      }),
    failing: () =>
      createModelTarget({
        model: "openai-compatible:fake",
        prompt: "{{name}}",
        retries: 1,
        client: createChatClient(agents, {
          env: { JIG_OPENAI_COMPATIBLE_BASE_URL: broken.openaiBaseURL },
        }),
      }),
  },
  {
    kind: "module",
    working: () => createModuleTarget({ specifier: "skill.mjs#run", root: dir }),
    failing: () => createModuleTarget({ specifier: "skill.mjs#fail", root: dir }),
  },
];

// Every built-in target is held to the same suite a third-party target runs.
for (const implementation of implementations) describeTargetConformance(implementation);

describe("target specifics", () => {
  it("command: a crash carries its stderr tail, a hang is killed at the timeout, a non-zero exit is an output", async () => {
    const crash = await createCommandTarget({
      command: [process.execPath, "crash.mjs"],
      root: dir,
      env,
    })
      .call(call)
      .catch((error: TargetError) => error);
    expect((crash as TargetError).message).toMatch(/killed by SIGSEGV/);
    expect((crash as TargetError).stderrTail).toContain("boom: bad state");
    const started = performance.now();
    const hang = await createCommandTarget({
      command: [process.execPath, "hang.mjs"],
      root: dir,
      env,
    })
      .call({ ...call, timeoutMs: 300 })
      .catch((error: TargetError) => error);
    expect((hang as TargetError).message).toMatch(/timed out after 300 ms/);
    expect(performance.now() - started).toBeLessThan(5_000);
    const exit = await createCommandTarget({ command: "echo out; exit 3", root: dir, env }).call(
      call,
    );
    expect(exit).toMatchObject({ exitCode: 3, text: "out\n" });
    const missing = await createCommandTarget({ command: ["/no/such/binary"], root: dir, env })
      .call(call)
      .catch((error: TargetError) => error);
    expect((missing as TargetError).message).toMatch(/could not start/);
  });

  it("command: a hung shell whose grandchild holds the pipes is killed, group and all, at the timeout", async () => {
    const started = performance.now();
    const hang = await createCommandTarget({
      command: "echo starting >&2; sleep 30; echo done",
      root: dir,
      env,
    })
      .call({ ...call, timeoutMs: 300 })
      .catch((error: TargetError) => error);
    expect(hang).toBeInstanceOf(TargetError);
    expect((hang as TargetError).message).toMatch(/timed out after 300 ms/);
    expect((hang as TargetError).stderrTail).toBe("starting");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("http: the output is the status and the body, with templates filled", async () => {
    const target = await implementations[1]!.working();
    const output = await target.call(call);
    await target.close();
    expect(output).toMatchObject({ status: 201, text: "POST /skill?n=ada ada hi" });
  });

  it("model: a request that times out is retried, and the run answers", async () => {
    let requests = 0;
    const slowOnce = createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        requests++;
        if (requests === 1) return; // never answer the first: the client must time out and retry
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ choices: [{ message: { content: "approved" } }] }));
      });
    });
    await new Promise<void>((resolve) => slowOnce.listen(0, "127.0.0.1", resolve));
    const { port } = slowOnce.address() as AddressInfo;
    const target = createModelTarget({
      model: "openai-compatible:fake",
      prompt: "decide {{name}}",
      retries: 1,
      client: createChatClient(agents, {
        env: { JIG_OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${port}/v1` },
      }),
    });
    try {
      expect((await target.call({ ...call, timeoutMs: 200 })).text).toBe("approved");
      expect(requests).toBe(2);
    } finally {
      slowOnce.closeAllConnections();
      await new Promise((resolve) => slowOnce.close(resolve));
    }
  });

  it("model: retries 500s, then answers; the answer is cached by content", async () => {
    const flaky = await startFakeModelServer({ fallback: { kind: "text", text: "approved" } });
    flaky.enqueue(serverError, { kind: "status", status: 429, headers: { "retry-after": "0" } });
    const stored = new Map<string, string>();
    const target = createModelTarget({
      model: "openai-compatible:fake",
      prompt: "decide {{name}}",
      retries: 2,
      client: createChatClient(agents, {
        env: { JIG_OPENAI_COMPATIBLE_BASE_URL: flaky.openaiBaseURL },
      }),
      cache: { get: (key) => stored.get(key), set: (key, text) => void stored.set(key, text) },
    });
    expect((await target.call(call)).text).toBe("approved");
    expect(flaky.requests).toHaveLength(3);
    const again = await target.call(call);
    expect(again).toMatchObject({ text: "approved", cached: true });
    expect(flaky.requests).toHaveLength(3);
    await target.call({ ...call, useCache: false });
    expect(flaky.requests).toHaveLength(4);
    await flaky.close();
  });
});
