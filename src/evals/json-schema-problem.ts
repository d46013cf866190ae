import { createRequire } from "node:module";

/** Compiles a JSON Schema; throws when the schema itself is invalid. */
export type JsonSchemaCheck = (schema: unknown) => void;

/**
 * A checker that compiles each `json-schema` assertion's schema with the Ajv
 * 2020-12 the run uses, so a broken schema is an input error at the
 * assertion's line when the suite loads, not a crash in the middle of a run.
 * Ajv is loaded on the first call only: it costs ~70 ms and most suites never need it.
 */
export function createJsonSchemaCheck(): JsonSchemaCheck {
  let compile: JsonSchemaCheck | undefined;
  return (schema) => {
    if (!compile) {
      // ajv is CommonJS; require keeps suite parsing synchronous.
      const exported = createRequire(import.meta.url)("ajv/dist/2020.js") as {
        default?: unknown;
      };
      const Ajv2020 = (exported.default ?? exported) as new (
        options: object,
      ) => { compile(schema: object | boolean): unknown };
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      compile = (value) => {
        ajv.compile(value as object | boolean);
      };
    }
    compile(schema);
  };
}

/** Why a schema does not compile, as one line, or undefined when it does. */
export function jsonSchemaProblem(check: JsonSchemaCheck, schema: unknown): string | undefined {
  try {
    check(schema);
    return undefined;
  } catch (error) {
    const message = (error as Error).message.split("\n")[0] ?? "";
    return `invalid JSON Schema (${message}); fix the schema in \`value\``;
  }
}
