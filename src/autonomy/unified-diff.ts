const CONTEXT = 3;

/**
 * A unified diff of two small texts (autonomy.yaml is tens of lines), by
 * longest common subsequence, with three lines of context. Pure; empty when
 * the texts are equal.
 */
export function unifiedDiff(before: string, after: string, path: string): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = lcs[i] as number[];
      row[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  type Op = { kind: " " | "-" | "+"; line: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: " ", line: a[i] as string, ai: i, bi: j });
      i += 1;
      j += 1;
    } else if (
      i < a.length &&
      (j >= b.length ||
        ((lcs[i + 1] as number[])[j] as number) >= ((lcs[i] as number[])[j + 1] as number))
    ) {
      ops.push({ kind: "-", line: a[i] as string, ai: i, bi: j });
      i += 1;
    } else {
      ops.push({ kind: "+", line: b[j] as string, ai: i, bi: j });
      j += 1;
    }
  }
  const out = [`--- a/${path}`, `+++ b/${path}`];
  const changed = ops.flatMap((op, index) => (op.kind === " " ? [] : [index]));
  let g = 0;
  while (g < changed.length) {
    // A hunk runs from one change to the last change within 2 × CONTEXT of the one before.
    let last = g;
    while (
      last + 1 < changed.length &&
      (changed[last + 1] as number) - (changed[last] as number) <= 2 * CONTEXT + 1
    )
      last += 1;
    const start = Math.max(0, (changed[g] as number) - CONTEXT);
    const end = Math.min(ops.length, (changed[last] as number) + CONTEXT + 1);
    const hunk = ops.slice(start, end);
    const first = hunk[0] as Op;
    const oldCount = hunk.filter((op) => op.kind !== "+").length;
    const newCount = hunk.filter((op) => op.kind !== "-").length;
    out.push(
      `@@ -${oldCount === 0 ? first.ai : first.ai + 1},${oldCount} +${newCount === 0 ? first.bi : first.bi + 1},${newCount} @@`,
    );
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    g = last + 1;
  }
  return `${out.join("\n")}\n`;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
