/** The replacement an Edit (or one MultiEdit step) asks for, as Claude Code sends it. */
export interface Edit {
  old_string: string;
  new_string: string;
  replace_all?: boolean;
}

/** One line of an edit's diff: shared context, removed or added. */
export interface EditLine {
  kind: " " | "-" | "+";
  text: string;
}

export function isEdit(value: unknown): value is Edit {
  const edit = value as Partial<Edit> | null;
  return typeof edit?.old_string === "string" && typeof edit.new_string === "string";
}

/**
 * An edit as a line diff: the lines old and new share at either end as
 * context, then the old lines (-) and the new ones (+) between them. Linear,
 * so a person approving a large edit never waits on it.
 *
 * @example
 * editLines({ old_string: "a\nb", new_string: "a\nc" })
 * // [{kind:" ",text:"a"}, {kind:"-",text:"b"}, {kind:"+",text:"c"}]
 */
export function editLines(edit: Edit): EditLine[] {
  const before = edit.old_string.split("\n");
  const after = edit.new_string.split("\n");
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  )
    tail++;
  return [
    ...before.slice(0, head).map((text) => ({ kind: " " as const, text })),
    ...before.slice(head, before.length - tail).map((text) => ({ kind: "-" as const, text })),
    ...after.slice(head, after.length - tail).map((text) => ({ kind: "+" as const, text })),
    ...before.slice(before.length - tail).map((text) => ({ kind: " " as const, text })),
  ];
}
