/**
 * The command a mistyped name most likely meant, as commander suggests for
 * flags: the closest by edit distance (a swap of two neighbours counts as
 * one edit), when it is close enough to be a typo rather than another word.
 *
 * @example
 * nearestCommand("chek", ["check", "spec"]) // "check"
 */
export function nearestCommand(typed: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(typed.toLowerCase(), name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  // Commander's rule: at most a third of the name may differ.
  const similar =
    (Math.max(typed.length, best.name.length) - best.distance) /
    Math.max(typed.length, best.name.length);
  return best.distance <= 2 && similar > 0.4 ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}
