import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from "../__fixtures__/fake-openai-server.js";
import { evalSuiteSchema, type ScenarioData } from "../suite-schema.js";
import { createChatClient } from "./chat-client.js";
import { createCommandTarget } from "./command-target.js";
import { createHttpAgents } from "./http-request.js";
import { createHttpTarget } from "./http-target.js";
import { createModelTarget } from "./model-target.js";
import { createModuleTarget } from "./module-target.js";
import { type Target, TargetError } from "./target.js";

const scenario: ScenarioData = evalSuiteSchema.parse({
  suite: "s",
  target: { command: "x" },
  scenarios: [{ id: "a", vars: { name: "ada" }, input: "hi" }],
}).scenarios[0] as ScenarioData;

const call = { scenario, input: "hi", timeoutMs: 2_000, useCache: true };

let dir: string;
let model: FakeOpenAiServer;
let broken: FakeOpenAiServer;
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
  model = await startFakeOpenAiServer({ answer: (prompt) => prompt });
  broken = await startFakeOpenAiServer({ failures: [500, 500, 500, 500] });
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
const implementations: Array<{ kind: string; working: () => Target; failing: () => Target }> = [
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
          env: { JIG_OPENAI_COMPATIBLE_BASE_URL: model.baseURL },
        }),
      }),
    failing: () =>
      createModelTarget({
        model: "openai-compatible:fake",
        prompt: "{{name}}",
        retries: 1,
        client: createChatClient(agents, {
          env: { JIG_OPENAI_COMPATIBLE_BASE_URL: broken.baseURL },
        }),
      }),
  },
  {
    kind: "module",
    working: () => createModuleTarget({ specifier: "skill.mjs#run", root: dir }),
    failing: () => createModuleTarget({ specifier: "skill.mjs#fail", root: dir }),
  },
];

describe.each(implementations)("Target conformance: $kind", ({ kind, working, failing }) => {
  it("passes the scenario's vars and input and returns text", async () => {
    const target = working();
    expect(target.kind).toBe(kind);
    const output = await target.call(call);
    expect(output.text).toContain("ada");
    expect(output.text).toContain("hi");
    expect(output.latencyMs).toBeGreaterThanOrEqual(0);
    await target.close();
  });

  it("rejects with a TargetError when it cannot produce an output", async () => {
    const target = failing();
    const error = await target.call(call).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TargetError);
    await target.close();
  });
});

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
    const output = await implementations[1]?.working().call(call);
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
    const flaky = await startFakeOpenAiServer({ failures: [500, 429], answer: () => "approved" });
    const stored = new Map<string, string>();
    const target = createModelTarget({
      model: "openai-compatible:fake",
      prompt: "decide {{name}}",
      retries: 2,
      client: createChatClient(agents, { env: { JIG_OPENAI_COMPATIBLE_BASE_URL: flaky.baseURL } }),
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
