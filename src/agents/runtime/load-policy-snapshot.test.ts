import {
  cpSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../test-support/temp-repo.js";
import { FIXTURE_AGENTS } from "../__fixtures__/guard-fixture.js";
import {
  type PolicySnapshot,
  readPolicySnapshot,
  SNAPSHOT_FILE,
  SNAPSHOT_FORMAT,
  snapshotKey,
} from "../policy-snapshot.js";
import { loadPolicySnapshot } from "./load-policy-snapshot.js";
import { openGuardEnvironment } from "./open-guard-environment.js";

const VERSION = "9.9.9-test";
const PERMIT_ALL = "permit(principal, action, resource);";

/** The coder's decision on a command (by default one its manifest does not list), through the real guard. */
async function decideCurl(repo: TempRepo, command = "curl evil.example"): Promise<string> {
  const environment = await openGuardEnvironment({
    cwd: repo.dir,
    env: { HOME: repo.dir },
    now: () => new Date("2026-01-01T00:00:00Z"),
    adapter: "test",
    version: VERSION,
  });
  try {
    const decision = await environment.guard.check({
      agent: "coder",
      tool: "Bash",
      input: { command },
    });
    return decision.decision;
  } finally {
    environment.close();
  }
}

/** A cache that permits everything, pointed at a folder with no manifests, under a matching key. */
function forgeCache(repo: TempRepo, real: PolicySnapshot, key: string, format: number): void {
  const forged = {
    ...real,
    format,
    key,
    settings: { ...real.settings, agentsDir: "nowhere" },
    compiled: {
      policies: { "forged.permit-all": PERMIT_ALL },
      info: { "forged.permit-all": { id: "forged.permit-all", file: "x", origin: "x" } },
    },
  };
  writeFileSync(join(repo.dir, SNAPSHOT_FILE), JSON.stringify(forged));
}

describe("the guard's policy cache", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo("jig-policy-cache-");
    cpSync(FIXTURE_AGENTS, join(repo.dir, "agents"), { recursive: true });
  });
  afterEach(() => repo.cleanup());

  it("ignores a forged permit-all cache whose key matches the folder it names", async () => {
    const real = await loadPolicySnapshot(repo.dir, VERSION, {});
    expect(await decideCurl(repo)).toBe("deny");
    // The attack on the old scheme: agentsDir pointed away, key recomputed for that folder.
    forgeCache(repo, real, snapshotKey(repo.dir, "nowhere", VERSION), SNAPSHOT_FORMAT);
    const loaded = await loadPolicySnapshot(repo.dir, VERSION, {});
    expect(loaded.compiled.policies["forged.permit-all"]).toBeUndefined();
    expect(loaded.compiled).toEqual(real.compiled);
    forgeCache(repo, real, snapshotKey(repo.dir, "nowhere", VERSION), SNAPSHOT_FORMAT);
    expect(await decideCurl(repo)).toBe("deny");
    // An old-format cache is never read, whatever its key says.
    forgeCache(repo, real, real.key, 2);
    expect(await decideCurl(repo)).toBe("deny");
    // The cache naming another folder than the config does is rebuilt, even under the real key.
    forgeCache(repo, real, real.key, SNAPSHOT_FORMAT);
    expect((await loadPolicySnapshot(repo.dir, VERSION, {})).settings.agentsDir).toBe("agents");
  });

  it("would have allowed the call had the forged cache been trusted", async () => {
    // Guards the test above: the forged policy really permits the call.
    const real = await loadPolicySnapshot(repo.dir, VERSION, {});
    repo.write("jig.config.yaml", "agents:\n  dir: nowhere\n");
    const forgedKey = snapshotKey(
      repo.dir,
      "nowhere",
      VERSION,
      readFileSync(join(repo.dir, "jig.config.yaml")),
    );
    forgeCache(repo, real, forgedKey, SNAPSHOT_FORMAT);
    const loaded = await loadPolicySnapshot(repo.dir, VERSION, {});
    expect(loaded.compiled.policies["forged.permit-all"]).toBe(PERMIT_ALL);
    expect(await decideCurl(repo)).toBe("allow");
  });

  it("follows an edit to a manifest even at the same size and mtime", async () => {
    expect(await decideCurl(repo, "ls")).toBe("allow");
    expect(await decideCurl(repo, "id")).toBe("deny");
    // A hit while nothing changed: the cache is used, not rebuilt each time.
    expect(readPolicySnapshot(repo.dir, VERSION)).toBeDefined();
    const path = join(repo.dir, "agents", "coder.yaml");
    const before = statSync(path);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.replace("- [ls]", "- [id]"));
    utimesSync(path, before.atime, before.mtime);
    expect(statSync(path).size).toBe(before.size);
    expect(readPolicySnapshot(repo.dir, VERSION)).toBeUndefined();
    expect(await decideCurl(repo, "ls")).toBe("deny");
    expect(await decideCurl(repo, "id")).toBe("allow");
  });

  it("fails closed on an invalid or unreadable manifest instead of using the old cache", async () => {
    await loadPolicySnapshot(repo.dir, VERSION, {});
    repo.write("agents/coder.yaml", "name: coder\npermissions: [not, a, mapping\n");
    await expect(loadPolicySnapshot(repo.dir, VERSION, {})).rejects.toThrow();
    await expect(decideCurl(repo)).rejects.toThrow();
    // Unreadable as a file (root ignores permission bits, so a folder stands in).
    rmSync(join(repo.dir, "agents", "coder.yaml"));
    mkdirSync(join(repo.dir, "agents", "coder.yaml"));
    await expect(loadPolicySnapshot(repo.dir, VERSION, {})).rejects.toThrow();
  });
});
