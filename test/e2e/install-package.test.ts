import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const VERSION = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }
).version;

/**
 * The path a team takes: `npm pack`, then `npm install --save-dev` of the
 * tarball in their own repository, then `npx jig`. Everything runs for real:
 * npm resolves and installs every dependency (from its cache when it can).
 * The one shortcut: better-sqlite3's native build is handed to its installer
 * as a local prebuild made from our own compiled copy, which is what
 * prebuild-install would otherwise download, so the test does not spend a
 * minute recompiling SQLite.
 */
describe("jig installed as a dev dependency from its packed tarball", () => {
  let work: string;
  let consumer: TempRepo;
  const npx = (args: string[]) =>
    spawnSync("npx", ["--no-install", "jig", ...args], {
      cwd: consumer.dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", JIG_SPEC: undefined, JIG_DEBUG: undefined },
      timeout: 120_000,
    });

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "jig-pack-"));
    // --ignore-scripts: `prepare` would rebuild dist/ while other tests run it.
    const packed = execFileSync(
      "npm",
      ["pack", "--ignore-scripts", "--silent", "--pack-destination", work],
      { cwd: ROOT, encoding: "utf8" },
    )
      .trim()
      .split("\n")
      .at(-1) as string;
    const tarball = join(work, packed);

    const prebuilds = join(work, "prebuilds");
    execFileSync("mkdir", ["-p", prebuilds]);
    const sqlite = join(ROOT, "node_modules", "better-sqlite3");
    const sqliteVersion = (
      JSON.parse(readFileSync(join(sqlite, "package.json"), "utf8")) as { version: string }
    ).version;
    execFileSync("tar", [
      "czf",
      join(
        prebuilds,
        `better-sqlite3-v${sqliteVersion}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`,
      ),
      "-C",
      sqlite,
      "build/Release/better_sqlite3.node",
    ]);

    consumer = createTempRepo();
    consumer.write(".gitignore", "node_modules/\n");
    consumer.write(
      "package.json",
      `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
    );
    consumer.write("src/app.js", "export const answer = 42;\n");
    consumer.commit("a project that does not use jig yet");
    execFileSync(
      "npm",
      [
        "install",
        "--save-dev",
        tarball,
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
      ],
      {
        cwd: consumer.dir,
        encoding: "utf8",
        env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: prebuilds },
        timeout: 540_000,
      },
    );
  }, 600_000);

  afterAll(() => {
    consumer?.cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("records jig in devDependencies and runs `npx jig --version`", () => {
    const manifest = JSON.parse(readFileSync(join(consumer.dir, "package.json"), "utf8")) as {
      devDependencies?: Record<string, string>;
    };
    expect(manifest.devDependencies?.jig).toMatch(/jig-.*\.tgz$/);
    const result = npx(["--version"]);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(VERSION);
  });

  it("sets up with `npx jig init`, writing a schema reference that resolves on any clone", () => {
    const result = npx(["init"]);
    expect(result.status).toBe(0);
    const config = readFileSync(join(consumer.dir, "jig.config.yaml"), "utf8");
    const schema = /\$schema=(\S+)/.exec(config)?.[1] ?? "";
    expect(schema.startsWith("./node_modules/jig/")).toBe(true);
    expect(existsSync(join(consumer.dir, schema))).toBe(true);
    consumer.commit("adopt jig", { all: true });
  });

  it("judges a change with `npx jig check`: the verdict in the exit code and a jig.report/v1", () => {
    consumer.write("src/fee.js", "export function fee(cents) {\n  return cents * 2;\n}\n");
    consumer.commit("add a fee without a spec");
    const result = npx(["check", "--base", "HEAD~1", "--format", "json"]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(result.stdout) as {
      schema: string;
      verdict: { outcome: string };
      layers: Array<{ name: string; status: string }>;
    };
    expect(report.schema).toBe("jig.report/v1");
    // No approved spec cites the change: the spec layer fails it.
    expect(report.verdict.outcome).toBe("fail");
    expect(result.status).toBe(1);
    expect(report.layers.find((layer) => layer.name === "spec")?.status).toBe("failed");
  });

  // jig/testing needs vitest, an optional peer the consumer adds for it.
  it("exposes the library entry points to `import('jig')`", () => {
    const out = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        "const jig = await import('jig'); console.log(typeof jig.runGate, typeof jig.parseConfig, jig.REPORT_SCHEMA)",
      ],
      { cwd: consumer.dir, encoding: "utf8" },
    );
    expect(out.trim()).toBe("function function jig.report/v1");
  });
});
