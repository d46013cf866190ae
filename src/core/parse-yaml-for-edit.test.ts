import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.js";
import { parseYamlForEdit } from "./parse-yaml-for-edit.js";

describe("parseYamlForEdit", () => {
  it("keeps comments and order of a file it will append to", () => {
    const document = parseYamlForEdit("# kept\nwaivers: []\n", "jig.waivers.yaml");
    expect(document.toString()).toBe("# kept\nwaivers: []\n");
  });

  it("refuses to edit a file with an alias problem, naming its line", () => {
    let thrown: unknown;
    try {
      parseYamlForEdit("waivers: &w [*w]\n", "jig.waivers.yaml");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).problems).toEqual([
      expect.objectContaining({
        code: "yaml/circular",
        path: "jig.waivers.yaml",
        line: 1,
        column: 14,
      }),
    ]);
  });
});
