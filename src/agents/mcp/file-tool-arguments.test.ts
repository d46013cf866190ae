import { describe, expect, it } from "vitest";
import { FILE_TOOLS, fileToolArguments, pathArguments } from "./file-tool-arguments.js";

describe("pathArguments", () => {
  const spec = (tool: string) => {
    const found = fileToolArguments(FILE_TOOLS, tool);
    if (!found) throw new Error(`no ${tool}`);
    return found;
  };

  it("reads every path a known file tool touches, by what the tool does to it", () => {
    expect(pathArguments(spec("move_file"), { source: "a", destination: "b" })).toEqual({
      ok: true,
      paths: [
        { action: "write", argument: "source", raw: "a" },
        { action: "write", argument: "destination", raw: "b" },
      ],
    });
    expect(pathArguments(spec("READ_MULTIPLE_FILES"), { paths: ["a", "b"] })).toEqual({
      ok: true,
      paths: [
        { action: "read", argument: "paths[0]", raw: "a" },
        { action: "read", argument: "paths[1]", raw: "b" },
      ],
    });
    expect(pathArguments(spec("list_allowed_directories"), {})).toEqual({ ok: true, paths: [] });
  });

  it("takes file:// URIs by their path, host or not", () => {
    for (const uri of [
      "file:///etc/passwd",
      "file://localhost/etc/passwd",
      "file:///etc/%70asswd",
    ]) {
      const result = pathArguments(spec("read_file"), { path: uri });
      expect(result.ok && result.paths[0]?.raw, uri).toBe("/etc/passwd");
    }
  });

  it("refuses a call whose path arguments are missing or not paths, inherited names included", () => {
    const refused: Array<[string, Record<string, unknown>]> = [
      ["read_file", {}],
      ["read_file", { path: "" }],
      ["read_file", { path: 42 }],
      ["read_file", { path: ["a"] }],
      ["read_file", Object.create({ path: "src/a.js" }) as Record<string, unknown>],
      ["read_multiple_files", { paths: "a" }],
      ["read_multiple_files", { paths: ["a", null] }],
      ["read_multiple_files", { paths: Array.from({ length: 257 }, () => "a") }],
      ["move_file", { source: "a" }],
    ];
    for (const [tool, args] of refused) {
      expect(pathArguments(spec(tool), args).ok, `${tool} ${JSON.stringify(args)}`).toBe(false);
    }
  });
});
