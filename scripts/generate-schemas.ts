// Regenerates the published JSON Schemas from the zod schemas, so they cannot drift.
// A test compares the committed files against this output.
import { writeFileSync } from "node:fs";
import { renderSchemas } from "../src/schemas.js";

for (const [path, content] of Object.entries(renderSchemas())) {
  writeFileSync(new URL(`../${path}`, import.meta.url), content);
  console.log(`wrote ${path}`);
}
