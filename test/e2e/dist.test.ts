import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dist = join(root, "dist");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dist, join(entry.parentPath, entry.name)).split("\\").join("/"));
}

// `npm test` builds before the e2e tests run; these read what `npm run build` wrote.
describe("the built dist/", () => {
  const files = filesUnder(dist);

  it("holds no test support: no tests, conformance files, fixtures, snapshots or src/test-support", () => {
    expect(files.length).toBeGreaterThan(50);
    const leaked = files.filter((path) =>
      /\.test\.|\.conformance\.|(^|\/)__fixtures__\/|(^|\/)__snapshots__\/|(^|\/)test-support\//.test(
        path,
      ),
    );
    expect(leaked).toEqual([]);
  });

  it("builds jig/testing with its types, and the CLI bundle carries none of it", () => {
    expect(files).toEqual(expect.arrayContaining(["testing/index.js", "testing/index.d.ts"]));
    const bundled = files.filter((path) => path.startsWith("bundle/"));
    expect(bundled.length).toBeGreaterThan(0);
    for (const path of bundled) {
      const text = readFileSync(join(dist, path), "utf8");
      expect(text, path).not.toMatch(/describeLayerConformance|startFakeModelServer|from "vitest"/);
    }
  });

  it("exports jig/testing through the package's exports map", () => {
    const result = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'const m = await import("jig/testing"); console.log(Object.keys(m).sort().join(" "))',
      ],
      { cwd: root, encoding: "utf8" },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split(" ")).toEqual(
      expect.arrayContaining([
        "describeLayerConformance",
        "describeReporterConformance",
        "describeRunStoreConformance",
        "describeTargetConformance",
        "fakeGateContext",
        "startFakeModelServer",
      ]),
    );
  });
});
