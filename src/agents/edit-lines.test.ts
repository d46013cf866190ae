import { describe, expect, it } from "vitest";
import { editLines, isEdit } from "./edit-lines.js";

describe("editLines", () => {
  it("keeps the shared lines at either end as context and diffs the middle", () => {
    expect(
      editLines({ old_string: "a\nb\nc\nz", new_string: "a\nx\ny\nz" }).map(
        (line) => `${line.kind}${line.text}`,
      ),
    ).toEqual([" a", "-b", "-c", "+x", "+y", " z"]);
  });

  it("never counts a line as both head and tail context", () => {
    expect(editLines({ old_string: "a\na", new_string: "a" })).toEqual([
      { kind: " ", text: "a" },
      { kind: "-", text: "a" },
    ]);
  });

  it("recognises only objects with both strings as edits", () => {
    expect(isEdit({ old_string: "a", new_string: "b" })).toBe(true);
    expect(isEdit({ old_string: "a" })).toBe(false);
    expect(isEdit(null)).toBe(false);
  });
});
