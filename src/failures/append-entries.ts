import { isSeq, parseDocument, YAMLSeq } from "yaml";
import { parseYamlForEdit } from "../core/parse-yaml-for-edit.js";
import type { FailureModel } from "./failure-model.js";

/**
 * Append failure models to a catalog file's text, keeping everything already
 * in it (comments, order, quoting). With no existing text, a new file is
 * started for `domain`. Pure: the caller reads and writes the file.
 *
 * @example
 * const next = appendEntries(await readFile(path, "utf8"), "sql", [model]);
 */
export function appendEntries(
  existing: string | undefined,
  domain: string,
  models: ReadonlyArray<FailureModel>,
  /** The file's path as shown to the user, for problems in the existing text. */
  path = `${domain}.yaml`,
): string {
  if (existing === undefined || existing.trim() === "") {
    const document = parseDocument(`domain: ${domain}\nfailures: []\n`);
    const failures = document.get("failures");
    if (isSeq(failures)) {
      failures.flow = false;
      for (const model of models) failures.add(document.createNode(plain(model)));
    }
    return document.toString({ lineWidth: 0 });
  }
  const document = parseYamlForEdit(existing, path);
  let failures = document.get("failures");
  if (!isSeq(failures)) {
    failures = new YAMLSeq();
    document.set("failures", failures);
  }
  const sequence = failures as YAMLSeq;
  sequence.flow = false;
  for (const model of models) sequence.add(document.createNode(plain(model)));
  return document.toString({ lineWidth: 0 });
}

/** Only the documented fields, in the documented order, without undefined values. */
function plain(model: FailureModel): Record<string, unknown> {
  const ordered: Record<string, unknown> = {
    id: model.id,
    title: model.title,
    severity: model.severity,
    appliesTo: model.appliesTo,
    trigger: model.trigger,
    symptoms: model.symptoms,
    fix: model.fix,
    source: model.source,
    tags: model.tags,
    detect: model.detect,
    examples: model.examples,
  };
  return JSON.parse(JSON.stringify(ordered)) as Record<string, unknown>;
}
