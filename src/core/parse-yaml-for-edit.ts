import { parseDocument } from "yaml";
import { ValidationError } from "./errors.js";
import { parseYamlSource } from "./yaml-source.js";

/**
 * An editable YAML document (comments, order and quoting kept) of a file jig
 * appends to, after the same checks {@link parseYamlSource} makes on every
 * file jig reads, so a broken or hostile file is reported at its line
 * instead of being rewritten.
 *
 * @throws ValidationError listing the file's YAML problems.
 */
export function parseYamlForEdit(text: string, path: string): ReturnType<typeof parseDocument> {
  const { problems } = parseYamlSource(text, path);
  if (problems.length > 0) throw new ValidationError(problems);
  return parseDocument(text, { uniqueKeys: true });
}
