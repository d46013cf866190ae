import { describe, expect, it } from "vitest";
import type { ChangedFile } from "../core/index.js";
import { createDiffSplitter } from "./create-diff-splitter.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";

function section(path: string, added: number): string {
  const body = Array.from({ length: added }, (_, index) => `+line ${index} of ${path}`);
  return [
    `diff --git a/${path} b/${path}`,
    "index 1111111..2222222 100644",
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -0,0 +1,${added} @@`,
    ...body,
    "",
  ].join("\n");
}

/** Feed `text` in chunks of the given sizes (cycled), as git's pipe would. */
async function split(text: string, sizes: readonly number[]) {
  const batches: ChangedFile[][] = [];
  const splitter = createDiffSplitter((files) => {
    batches.push(files);
  }, true);
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  let chunks = 0;
  while (offset < bytes.length) {
    const size = sizes[chunks % sizes.length] as number;
    splitter.push(bytes.subarray(offset, offset + size));
    offset += size;
    chunks++;
  }
  const files = await splitter.end([]);
  return { files, batches, chunks, scanned: splitter.scannedChars };
}

describe("createDiffSplitter", () => {
  it("parses exactly as the whole text would, whatever the chunk edges cut (boundaries, UTF-8)", async () => {
    const text = Array.from({ length: 40 }, (_, index) =>
      section(`src/é-${index}.ts`, 2000 + index * 37),
    ).join("");
    const whole = parseUnifiedDiff(text);
    // Odd sizes split "\ndiff --git " and multi-byte characters across chunks.
    const { files, batches } = await split(text, [7, 65_536, 3, 11, 40_961]);
    expect(batches.length).toBeGreaterThan(1);
    expect(files).toEqual(whole);
  });

  it("searches each arriving character about once, so one huge file section is linear", async () => {
    // 8 MB in 64 KiB chunks, one file: the old splitter searched all the text
    // so far on every chunk, about 128 × 4 MB = 500 M characters.
    const text = section("big.txt", (8 * 1024 * 1024) / 32);
    const { files, chunks, scanned } = await split(text, [65_536]);
    expect(files).toHaveLength(1);
    expect(files[0]?.additions).toBe((8 * 1024 * 1024) / 32);
    expect(scanned).toBeLessThanOrEqual(text.length + chunks * 11);
  });
});
