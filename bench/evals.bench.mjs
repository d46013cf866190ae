// `jig eval run` speed: 1,000 scenarios of a `model` target at -j 16 against a local
// OpenAI-compatible server with a fixed 50 ms latency, running in its own process so its
// CPU is not counted. Reports (medians; the machine may be shared, so run it on a quiet one):
//   - wall time including process start, as a ratio to the minimum 1000 / 16 x 50 ms = 3.125 s (target <= 1.25x)
//   - the runner's CPU per case: (CPU of 1,000 cases - CPU of 10 cases) / 990 (target <= 0.5 ms)
//   - peak RSS for 10,000 scenarios (target <= 150 MB; run against a 5 ms server to keep it short)
//   - a fully cached rerun of the 1,000
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, ROOT } from "./bench-utils.mjs";

const SERVER = `
import { createServer } from "node:http";
const latency = Number(process.argv[1]);
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    const prompt = JSON.parse(body).messages.at(-1).content;
    setTimeout(() => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: "x", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "decision for " + prompt }, finish_reason: "stop" }], usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 } }));
    }, latency);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

// Runs jig in-process under a wrapper that prints its own CPU and peak RSS at exit,
// so process start, module loading and the run itself are all counted.
const WRAPPER = `
const started = process.hrtime.bigint();
const { main } = await import(${JSON.stringify(join(ROOT, "dist/bundle/cli/main.mjs"))});
const code = await main(process.argv.slice(1));
const cpu = process.cpuUsage();
process.stderr.write("\\nBENCH " + JSON.stringify({ code, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + "\\n");
process.exitCode = code;
`;

function startServer(latency) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", SERVER, String(latency)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.once("data", (data) =>
      resolve({ port: Number(String(data).trim()), stop: () => child.kill() }),
    );
    child.once("error", reject);
  });
}

function workspace(count, port) {
  const dir = mkdtempSync(join(tmpdir(), "jig-eval-bench-"));
  mkdirSync(join(dir, "evals"));
  writeFileSync(join(dir, "jig.config.yaml"), "version: 1\n");
  const lines = [
    "suite: bench",
    'target: { model: "openai-compatible:bench", prompt: "refund {{n}}", retries: 0 }',
    "scenarios:",
  ];
  for (let index = 0; index < count; index++) {
    lines.push(
      `  - id: case-${index}`,
      `    vars: { n: ${index} }`,
      `    assert: [{ type: contains, value: "refund ${index}" }]`,
    );
  }
  writeFileSync(join(dir, "evals/bench.yaml"), `${lines.join("\n")}\n`);
  return {
    dir,
    env: {
      ...process.env,
      JIG_OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${port}/v1`,
      NO_COLOR: "1",
    },
  };
}

function runJig(dir, env, args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", WRAPPER, ...args], {
    cwd: dir,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const line = result.stderr.split("\n").find((text) => text.startsWith("BENCH "));
  if (!line) throw new Error(`jig failed: ${result.stderr.slice(-2000)}`);
  const stats = JSON.parse(line.slice(6));
  if (stats.code !== 0) throw new Error(`jig exited ${stats.code}: ${result.stdout.slice(-1000)}`);
  return { wallMs, ...stats };
}

export async function benchEvals({ runs = 3, large = 10_000 } = {}) {
  const server = await startServer(50);
  const fast = await startServer(5);
  const rows = {};
  try {
    const big = workspace(1000, server.port);
    const small = workspace(10, server.port);
    const uncached = ["eval", "run", "-j", "16", "--no-cache", "--no-progress"];
    runJig(big.dir, big.env, uncached); // warm-up: page cache, first SQLite file
    const walls = [];
    const cpus = [];
    const smallCpus = [];
    for (let index = 0; index < runs; index++) {
      const result = runJig(big.dir, big.env, uncached);
      walls.push(result.wallMs);
      cpus.push(result.cpuMs);
      smallCpus.push(runJig(small.dir, small.env, uncached).cpuMs);
    }
    const cached = [];
    for (let index = 0; index < runs; index++)
      cached.push(runJig(big.dir, big.env, ["eval", "run", "-j", "16", "--no-progress"]).wallMs);
    const node = [];
    for (let index = 0; index < 5; index++) {
      const started = process.hrtime.bigint();
      spawnSync(process.execPath, ["-e", "0"]);
      node.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const wall = median(walls);
    const perCase = (median(cpus) - median(smallCpus)) / 990;
    rows["1,000 x model @ -j 16, 50 ms"] = {
      "wall (ms)": wall.toFixed(0),
      "ratio to 3,125 ms": (wall / 3125).toFixed(3),
      target: wall / 3125 <= 1.25 ? "<= 1.25x: met" : "<= 1.25x: MISSED",
    };
    rows["runner CPU per case"] = {
      "wall (ms)": "",
      "ratio to 3,125 ms": `${perCase.toFixed(3)} ms/case (1,000 cases: ${median(cpus).toFixed(0)} ms CPU, 10 cases: ${median(smallCpus).toFixed(0)} ms)`,
      target: perCase <= 0.5 ? "<= 0.5 ms: met" : "<= 0.5 ms: MISSED",
    };
    rows["cached rerun of the 1,000"] = {
      "wall (ms)": median(cached).toFixed(0),
      "ratio to 3,125 ms": "",
      target: "report",
    };
    rows["node -e 0"] = {
      "wall (ms)": median(node).toFixed(0),
      "ratio to 3,125 ms": "",
      target: "process start",
    };
    rmSync(big.dir, { recursive: true, force: true });
    rmSync(small.dir, { recursive: true, force: true });

    const huge = workspace(large, fast.port);
    // The first run parses the YAML suite (the yaml package's document for 10,000
    // scenarios is the largest allocation); later runs reuse the parsed suite.
    for (const label of ["first run, suite parsed", "rerun, parsed suite cached"]) {
      const result = runJig(huge.dir, huge.env, [
        "eval",
        "run",
        "-j",
        "16",
        "--no-cache",
        "--no-progress",
      ]);
      rows[`${large.toLocaleString("en")} x model @ -j 16, 5 ms (${label}): peak RSS`] = {
        "wall (ms)": result.wallMs.toFixed(0),
        "ratio to 3,125 ms": `${result.maxRssMb.toFixed(1)} MB`,
        target: result.maxRssMb <= 150 ? "<= 150 MB: met" : "<= 150 MB: MISSED",
      };
    }
    rmSync(huge.dir, { recursive: true, force: true });
  } finally {
    server.stop();
    fast.stop();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchEvals());
}
