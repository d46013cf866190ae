import { z } from "zod";
import { agentManifestSchema } from "./agents/manifest-schema.js";
import { autonomySchema } from "./autonomy/autonomy-schema.js";
import { configSchema } from "./config/config-schema.js";
import { reportSchema } from "./contract/report-schema.js";
import { evalSuiteSchema } from "./evals/suite-schema.js";
import { failureCatalogFileSchema } from "./failures/index.js";
import { reviewOutputSchema } from "./review/review-output.js";
import { waiversFileSchema } from "./waivers/waiver-schema.js";

/**
 * Every published JSON Schema, keyed by its path in the package. Generated
 * from the zod schemas; `npm run schema` writes them and a test checks the
 * committed files match.
 */
export function renderSchemas(): Record<string, string> {
  return {
    "schema/agent.schema.json": render(
      agentManifestSchema,
      "https://jig.dev/schema/agent.schema.json",
    ),
    "schema/autonomy.schema.json": render(
      autonomySchema,
      "https://jig.dev/schema/autonomy.schema.json",
    ),
    "schema/eval-suite.schema.json": render(
      evalSuiteSchema,
      "https://jig.dev/schema/eval-suite.schema.json",
    ),
    "schema/failure-models.schema.json": render(
      failureCatalogFileSchema,
      "https://jig.dev/schema/failure-models.schema.json",
    ),
    "schema/findings.schema.json": render(
      reviewOutputSchema,
      "https://jig.dev/schema/findings.schema.json",
    ),
    "schema/report.schema.json": render(reportSchema, "https://jig.dev/schema/report.schema.json"),
    "schema/jig.config.schema.json": render(
      configSchema,
      "https://jig.dev/schema/jig.config.schema.json",
    ),
    "schema/waivers.schema.json": render(
      waiversFileSchema,
      "https://jig.dev/schema/waivers.schema.json",
    ),
  };
}

function render(schema: z.ZodType, id: string): string {
  const json = { ...z.toJSONSchema(schema, { io: "input" }), $id: id };
  return `${JSON.stringify(json, null, 2)}\n`;
}
