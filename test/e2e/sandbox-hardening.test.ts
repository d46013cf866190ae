import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { JIG_BIN, type JigResult, runJig } from "./run-jig.js";

/** Who starts `jig run`: root (CI jobs, containers) and an unprivileged user get the same sandbox. */
const USERS = [
  { who: "root", prefix: [] as string[], uid: 0 },
  {
    who: "an unprivileged user",
    prefix: ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"],
    uid: 65534,
  },
] as const;

function chownTree(path: string, uid: number): void {
  chownSync(path, uid, uid);
  const stats = lstatSync(path);
  if (!stats.isDirectory()) return;
  for (const name of readdirSync(path)) chownTree(join(path, name), uid);
}

/**
 * One probe per run keeps the file fast: it tries every escape from inside
 * the sandbox and prints what happened, one `name: result` line each.
 */
const PROBE = [
  "echo cap: $(grep CapEff /proc/self/status | cut -f2)",
  'for target in "$PWD" "$PWD/.git" /; do if mount -o remount,bind,rw "$target" 2>/dev/null; then echo "remount $target: ok"; else echo "remount $target: blocked"; fi; done',
  'if echo "[core]" >> .git/config 2>/dev/null; then echo "git-config: wrote"; else echo "git-config: blocked"; fi',
  'if mkdir -p .claude 2>/dev/null && echo "{}" > .claude/settings.json 2>/dev/null; then echo "claude: wrote"; else echo "claude: blocked"; fi',
  'if echo "{}" > .mcp.json 2>/dev/null; then echo "mcp: wrote"; else echo "mcp: blocked"; fi',
  'echo "tampered" >> package.json 2>/dev/null',
  "mkdir -p infra && echo 'evil' > infra/new.tf",
  "echo 'export const b = 1;' > src/b.ts",
  "echo '// changed' >> src/a.ts",
  "rm -f src/gone.ts README.md",
  "mkdir -p src/pkg/.git && printf '[core]\\n\\tfsmonitor = evil\\n' > src/pkg/.git/config",
  "mkdir -p src/payments && echo 'export {};' > src/payments/refund.ts",
  'if echo "// x" >> src/billing/rates.ts 2>/dev/null; then echo "billing: wrote"; else echo "billing: blocked"; fi',
  "node -e \"const s=require('net').connect(process.argv[1]);s.on('connect',()=>{console.log('socket: connected');s.destroy()});s.on('error',e=>console.log('socket: '+e.code))\" \"$1\"",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell parameter expansion, not a template.
  'echo "env: GITHUB_TOKEN=${GITHUB_TOKEN:-unset} OPENAI_API_KEY=${OPENAI_API_KEY:-unset} ALLOWED_TOKEN=${ALLOWED_TOKEN:-unset} HOME=$HOME"',
  'if [ -s /etc/shadow ] && cat /etc/shadow >/dev/null 2>&1; then echo "shadow: read"; else echo "shadow: hidden"; fi',
  'echo "evals: $(ls -A evals 2>/dev/null | wc -l) jig: $(ls -A .jig 2>/dev/null | wc -l)"',
  "",
].join("\n");

/**
 * Let other users reach the built jig: a checkout under a private folder
 * (`mktemp -d` makes them 0700) would otherwise stop the unprivileged run
 * before jig starts. Adds search permission only where it is missing, and
 * returns how to put every mode back.
 */
function letOthersReach(path: string): () => void {
  const changed: Array<[string, number]> = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      changed.push([dir, mode]);
    }
    if (dir === dirname(dir)) break;
  }
  return () => {
    for (const [dir, mode] of changed) chmodSync(dir, mode);
  };
}

describe.each(USERS)(
  "jig run sandbox hardening, started by $who (e2e, real bubblewrap)",
  (user) => {
    let restoreModes = () => {};
    beforeAll(() => {
      if (user.uid !== 0) restoreModes = letOthersReach(JIG_BIN);
    });
    afterAll(() => restoreModes());
    let repo: TempRepo;
    let server: Server;
    let home: string;
    let socketDir: string;
    let socketPath: string;
    const seeded = useSeededRepo((seed) => {
      // Row 4: a write glob with no literal folder; escalate.files under it.
      seed.write(
        "agents/coder.yaml",
        [
          "name: coder",
          "role: codes",
          "permissions:",
          "  tools: { allow: [Bash] }",
          "  files: { read: ['src/**', 'package.json', 'README.md'], write: ['**/*.ts', 'src/pkg/**'] }",
          "  commands: [[sh]]",
          "escalate:",
          "  - files: ['**/payments/**', 'src/billing/**']",
          "",
        ].join("\n"),
      );
      seed.write(
        "agents/netter.yaml",
        [
          "name: netter",
          "role: fetches",
          "permissions:",
          "  tools: { allow: [Bash] }",
          "  files: { read: ['**'], write: ['src/**'] }",
          "  commands: [[sh]]",
          "  network: [registry.npmjs.org]",
          "  env: [ALLOWED_TOKEN]",
          "",
        ].join("\n"),
      );
      seed.write("jig.config.yaml", "evals:\n  dir: evals\n");
      seed.write("evals/suite.yaml", "secret suite\n");
      seed.write("package.json", "{}\n");
      seed.write("README.md", "readme\n");
      seed.write("src/a.ts", "export const a = 1;\n");
      seed.write("src/billing/rates.ts", "export const rate = 1;\n");
      seed.write("src/gone.ts", "export {};\n");
      seed.write("src/probe.sh", PROBE);
      seed.commit("base");
    }, "jig-e2e-hardening-");

    beforeEach(async () => {
      repo = seeded();
      home = join(repo.dir, "..", `${repo.dir.split("/").pop()}-home`);
      mkdirSync(home);
      chownTree(repo.dir, user.uid);
      chownTree(home, user.uid);
      // Outside the repository (whose overlay does not pass unix sockets
      // through) and outside /tmp (a fresh tmpfs inside the sandbox).
      socketDir = mkdtempSync("/var/tmp/jig-e2e-socket-");
      socketPath = join(socketDir, "test.sock");
      server = createServer((socket) => socket.end());
      await new Promise<void>((resolve) => server.listen(socketPath, resolve));
      chownTree(socketDir, user.uid);
    });
    afterEach(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(home, { recursive: true, force: true });
      rmSync(socketDir, { recursive: true, force: true });
      repo.cleanup();
    });

    const run = (agent: string, ...argv: string[]): JigResult => {
      const result = spawnSync(
        user.prefix[0] ?? process.execPath,
        [
          ...user.prefix.slice(1),
          ...(user.prefix.length > 0 ? [process.execPath] : []),
          JIG_BIN,
          "run",
          "--agent",
          agent,
          "--",
          ...argv,
        ],
        {
          cwd: repo.dir,
          encoding: "utf8",
          timeout: 60_000,
          env: {
            PATH: process.env.PATH,
            HOME: home,
            NO_COLOR: "1",
            GITHUB_TOKEN: "ghp_secret",
            OPENAI_API_KEY: "sk-secret",
            ALLOWED_TOKEN: "allowed",
            SOCKET_PATH: socketPath,
          },
        },
      );
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const lines = (result: JigResult) =>
      Object.fromEntries(
        result.stdout
          .trim()
          .split("\n")
          .map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]),
      );

    it("drops every capability, confines writes to the globs and refuses unix sockets without network", () => {
      const result = run("coder", "sh", "src/probe.sh", socketPath);
      const seen = lines(result);
      // Row 1: no capability, so no remount, whoever started jig.
      expect(seen.cap, result.stdout + result.stderr).toBe("0000000000000000");
      expect(seen[`remount ${repo.dir}`]).toBe("blocked");
      expect(seen[`remount ${repo.dir}/.git`]).toBe("blocked");
      expect(seen["remount /"]).toBe("blocked");
      expect(seen["git-config"]).toBe("blocked");
      // Absent protected paths cannot be created under a writable root.
      expect(seen.claude).toBe("blocked");
      expect(seen.mcp).toBe("blocked");
      // An existing escalate.files folder is read-only inside.
      expect(seen.billing, result.stdout + result.stderr).toBe("blocked");
      // Row 5: no network means no unix socket either.
      expect(seen.socket, result.stdout + result.stderr).toBe("EPERM");
      // Environment: only the allow-list, HOME on scratch.
      expect(seen.env).toBe(
        "GITHUB_TOKEN=unset OPENAI_API_KEY=unset ALLOWED_TOKEN=unset HOME=/tmp/home",
      );
      expect(seen.shadow).toBe("hidden");
      // files.read: evals (not reachable) and .jig (always) are empty.
      expect(seen.evals).toBe("0 jig: 0");

      // Row 4: in-scope changes applied, the rest discarded and reported.
      const at = (path: string) => join(repo.dir, path);
      expect(readFileSync(at("src/b.ts"), "utf8")).toBe("export const b = 1;\n");
      expect(readFileSync(at("src/a.ts"), "utf8")).toContain("// changed");
      expect(existsSync(at("src/gone.ts"))).toBe(false);
      expect(readFileSync(at("package.json"), "utf8")).toBe("{}\n");
      expect(existsSync(at("README.md"))).toBe(true);
      expect(existsSync(at("infra/new.tf"))).toBe(false);
      expect(existsSync(at(".claude"))).toBe(false);
      expect(existsSync(at(".mcp.json"))).toBe(false);
      expect(existsSync(at("src/payments/refund.ts"))).toBe(false);
      expect(readFileSync(at("src/billing/rates.ts"), "utf8")).toBe("export const rate = 1;\n");
      // Nested .git planted during the run: refused and never lands.
      expect(existsSync(at("src/pkg/.git"))).toBe(false);
      expect(result.stderr).toContain("discarded write to package.json (out-of-scope)");
      expect(result.stderr).toContain("discarded deletion of README.md (out-of-scope)");
      expect(result.stderr).toContain("discarded write to infra/new.tf (out-of-scope)");
      expect(result.stderr).toContain("discarded write to src/payments/refund.ts (escalate)");
      expect(result.stderr).toContain("discarded write to src/pkg/.git/config (nested-git)");
      expect(result.stderr).not.toContain("discarded write to .mcp.json");
      expect(result.code, result.stderr).toBe(1);
      // Each discard is a decision on the audit chain, like a denied call.
      const audit = runJig(["audit", "tail", "--agent", "coder", "--format", "json"], {
        cwd: repo.dir,
      });
      const denied = (JSON.parse(audit.stdout) as Array<{ tool: string; reason: string }>)
        .filter((record) => record.tool === "Sandbox")
        .map((record) => record.reason);
      expect(denied).toContain(
        "discarded after the run (nested-git): a .git entry (git data, or a planted nested repository)",
      );
      expect(denied.length).toBeGreaterThanOrEqual(5);
      expect(runJig(["audit", "verify"], { cwd: repo.dir }).code).toBe(0);
    });

    it("passes listed env names and allows unix sockets when the manifest allows network", () => {
      const result = run("netter", "sh", "src/probe.sh", socketPath);
      const seen = lines(result);
      expect(seen.cap, result.stdout + result.stderr).toBe("0000000000000000");
      expect(seen.socket, result.stdout + result.stderr).toBe("connected");
      expect(seen.env).toBe(
        "GITHUB_TOKEN=unset OPENAI_API_KEY=unset ALLOWED_TOKEN=allowed HOME=/tmp/home",
      );
      expect(seen.evals).toBe("0 jig: 0");
    });
  },
);

describe("jig run where no user namespace can be created (e2e)", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    seed.write(
      "agents/coder.yaml",
      "name: coder\nrole: codes\npermissions:\n  tools: { allow: [Bash] }\n  files: { read: ['**'], write: ['src/**'] }\n  commands: [[touch]]\n",
    );
    seed.write("src/.keep", "");
    seed.commit("base");
  }, "jig-e2e-nouserns-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  it("refuses to start with one line and exit 2 instead of running the command weaker", () => {
    // jig itself runs in a user namespace that forbids creating another one.
    const result = spawnSync(
      "bwrap",
      [
        "--unshare-user",
        "--disable-userns",
        "--dev-bind",
        "/",
        "/",
        "--",
        process.execPath,
        JIG_BIN,
        "run",
        "--agent",
        "coder",
        "--",
        "touch",
        "src/ran.txt",
      ],
      {
        cwd: repo.dir,
        encoding: "utf8",
        timeout: 60_000,
        env: { PATH: process.env.PATH, HOME: repo.dir, NO_COLOR: "1" },
      },
    );
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /^jig run: cannot start the sandbox: .*never runs a command with less isolation$/m,
    );
    expect(existsSync(join(repo.dir, "src", "ran.txt"))).toBe(false);
  });
});
