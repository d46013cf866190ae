import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderSchemas } from "./schemas.js";

describe("published JSON Schemas", () => {
  it("match the zod schemas they are generated from (run npm run schema after changing one)", () => {
    for (const [path, content] of Object.entries(renderSchemas())) {
      const committed = readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
      expect(committed, path).toBe(content);
    }
  });
});
