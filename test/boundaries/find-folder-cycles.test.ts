import { describe, expect, it } from "vitest";
import {
  type CruisedModule,
  findFolderCycles,
  folderOf,
} from "../../scripts/find-folder-cycles.js";

/** A module graph from `from -> to` lines, the shape `depcruise --output-type json` gives. */
function graph(...edges: string[]): CruisedModule[] {
  const modules = new Map<string, Array<{ resolved: string }>>();
  for (const edge of edges) {
    const [from, to] = edge.split(" -> ") as [string, string];
    modules.set(from, [...(modules.get(from) ?? []), { resolved: to }]);
    if (!modules.has(to)) modules.set(to, []);
  }
  return [...modules].map(([source, dependencies]) => ({ source, dependencies }));
}

const isTest = (path: string) => path.endsWith(".test.ts");

describe("findFolderCycles", () => {
  it("finds two folders that import each other although no module cycle exists", () => {
    const cycles = findFolderCycles(
      graph(
        "src/gate/layers/review-layer.ts -> src/review/index.ts",
        "src/review/run-review.ts -> src/gate/layer.ts",
        "src/review/run-review.ts -> src/core/index.ts",
      ),
    );
    expect(cycles).toEqual([
      {
        folders: ["src/gate", "src/review"],
        imports: [
          "src/gate/layers/review-layer.ts → src/review/index.ts",
          "src/review/run-review.ts → src/gate/layer.ts",
        ],
      },
    ]);
  });

  it("finds a loop through three folders and names only the arrows inside it", () => {
    const cycles = findFolderCycles(
      graph(
        "src/a/x.ts -> src/b/y.ts",
        "src/b/y.ts -> src/c/z.ts",
        "src/c/z.ts -> src/a/w.ts",
        "src/c/z.ts -> src/core/index.ts",
        "src/cli/main.ts -> src/a/x.ts",
      ),
    );
    expect(cycles.map((cycle) => cycle.folders)).toEqual([["src/a", "src/b", "src/c"]]);
    expect(cycles[0]?.imports).toHaveLength(3);
  });

  it("passes a layered graph, imports inside one folder, and packages", () => {
    expect(
      findFolderCycles(
        graph(
          "src/cli/main.ts -> src/gate/index.ts",
          "src/gate/index.ts -> src/gate/layers/spec-layer.ts",
          "src/gate/layers/spec-layer.ts -> src/gate/layer.ts",
          "src/gate/layer.ts -> src/contract/index.ts",
          "src/contract/index.ts -> src/core/index.ts",
          "src/core/index.ts -> node_modules/zod/index.js",
          "src/index.ts -> src/gate/index.ts",
        ),
      ),
    ).toEqual([]);
  });

  it("ignores what the skip predicate names, so tests may import across folders", () => {
    const edges = graph(
      "src/store/run-store.test.ts -> src/testing/index.ts",
      "src/testing/index.ts -> src/store/index.ts",
    );
    expect(findFolderCycles(edges, isTest)).toEqual([]);
    expect(findFolderCycles(edges).map((cycle) => cycle.folders)).toEqual([
      ["src/store", "src/testing"],
    ]);
  });
});

describe("folderOf", () => {
  it("maps a module to its top-level folder under src/, or to itself at the root", () => {
    expect(folderOf("src/gate/layers/spec-layer.ts")).toBe("src/gate");
    expect(folderOf("src/index.ts")).toBe("src/index.ts");
    expect(folderOf("node_modules/zod/index.js")).toBeUndefined();
    expect(folderOf("fs")).toBeUndefined();
  });
});
