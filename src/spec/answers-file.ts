import { z } from "zod";
import { ValidationError } from "../core/errors.js";
import type { Problem } from "../core/problem.js";
import { parseYamlAs } from "../core/zod-problems.js";

const text = z.string().trim().min(1, { error: "must not be empty" });
const textOrList = z.union([text, z.array(text)]);

/**
 * The `--answers` file of `jig spec new`: the interview's answers, for agents
 * and CI. Every field is optional here; a question left unanswered fails at
 * the moment it is asked, naming the question id. Documented in
 * docs/spec-format.md.
 */
export const answersFileSchema = z.strictObject({
  title: text.optional(),
  problem: text.optional(),
  audience: text.optional(),
  criteria: z.array(text).optional(),
  followUps: z
    .record(z.string(), text)
    .optional()
    .describe('Refined criteria, keyed by number ("2"), id ("AC-2") or the original text.'),
  constraints: z.array(text).optional(),
  risks: z.array(text).optional(),
  outOfScope: textOrList.optional(),
  domains: textOrList.optional(),
  owner: text.optional(),
  answers: z
    .record(z.string(), z.union([z.string(), z.boolean()]))
    .optional()
    .describe("Raw answers by question id; wins over the named fields."),
});
export type AnswersFile = z.infer<typeof answersFileSchema>;

/**
 * Parse an answers file. Pure. Problems carry `file:line:col` so a typo in a
 * CI answers file points at its line.
 */
export function parseAnswersFile(
  source: string,
  path: string,
): { answers?: AnswersFile; problems: Problem[] } {
  const { value, problems } = parseYamlAs(source, path, answersFileSchema, { prefix: "answers" });
  return value ? { answers: value, problems: [] } : { problems };
}

/** Like {@link parseAnswersFile}, but throws a ValidationError (exit 2) listing every problem. */
export function readAnswersFile(source: string, path: string): AnswersFile {
  const { answers, problems } = parseAnswersFile(source, path);
  if (!answers) throw new ValidationError(problems);
  return answers;
}
