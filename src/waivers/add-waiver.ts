import { isMap, isSeq, parseDocument } from "yaml";
import { UsageError, ValidationError } from "../core/errors.js";
import { parseYamlForEdit } from "../core/parse-yaml-for-edit.js";
import { parseWaivers } from "./parse-waivers.js";
import type { Waiver } from "./waiver-schema.js";
import { WAIVERS_FILE } from "./waivers-file.js";

const HEADER = `Waivers: findings a person decided do not block, until a date.
Written by \`jig waive\`; a governance input, so only a person changes it.
`;

/**
 * The waivers file with `waiver` added, keeping the comments, the order and
 * the other entries as they were (the yaml Document API edits the tree, not
 * the text). A waiver for a fingerprint already waived replaces it.
 *
 * @throws ValidationError when the existing file is invalid: fix it first.
 */
export function addWaiver(text: string | undefined, waiver: Waiver): string {
  if (text !== undefined && text.trim() !== "") {
    const { problems } = parseWaivers(text, WAIVERS_FILE);
    if (problems.length > 0) throw new ValidationError(problems);
  }
  const document = parseYamlForEdit(text ?? "", WAIVERS_FILE);
  if (!isMap(document.contents)) {
    const created = parseDocument("waivers: []\n");
    created.commentBefore = HEADER.trimEnd()
      .split("\n")
      .map((line) => ` ${line}`)
      .join("\n");
    return insert(created, waiver);
  }
  if (!document.has("waivers") || document.get("waivers") === null) {
    document.set("waivers", document.createNode([]));
  }
  return insert(document, waiver);
}

function insert(document: ReturnType<typeof parseDocument>, waiver: Waiver): string {
  const list = document.get("waivers");
  if (!isSeq(list)) throw new UsageError(`${WAIVERS_FILE}: \`waivers\` must be a list`);
  list.flow = false;
  const entry = document.createNode(orderedEntry(waiver));
  const at = list.items.findIndex(
    (item) => isMap(item) && item.get("fingerprint") === waiver.fingerprint,
  );
  if (at >= 0) list.items[at] = entry;
  else list.items.push(entry);
  return document.toString({ lineWidth: 0 });
}

/** The keys in the order a reader wants them: what, why, who, until when. */
function orderedEntry(waiver: Waiver): Record<string, string> {
  return {
    fingerprint: waiver.fingerprint,
    ...(waiver.rule ? { rule: waiver.rule } : {}),
    ...(waiver.path ? { path: waiver.path } : {}),
    reason: waiver.reason,
    ...(waiver.owner ? { owner: waiver.owner } : {}),
    expires: waiver.expires,
    ...(waiver.created ? { created: waiver.created } : {}),
  };
}
