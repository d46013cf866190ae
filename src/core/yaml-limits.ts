import {
  type CST,
  type Document,
  isAlias,
  isCollection,
  isPair,
  isScalar,
  visit,
  type Node as YamlNode,
} from "yaml";

/**
 * Limits every YAML file jig reads is held to (docs/config.md, "Limits on
 * input files"). They are checked before anything recurses over the value,
 * so a hostile or mangled file is an input error at its line, never a stack
 * overflow or an out-of-memory abort.
 */
export const YAML_LIMITS = {
  /** Nested mappings and lists; real configs, suites and manifests use under 10. */
  maxDepth: 64,
  /** Aliased values one document may expand to; the `yaml` package's own default. */
  maxAliasCount: 100,
} as const;

/**
 * Offset of the first collection nested deeper than `maxDepth`, or undefined.
 * Walks the parser's concrete syntax tree with an explicit stack: the tree
 * is built without recursion, so this runs before anything that recurses.
 */
export function tooDeepOffset(
  tokens: ReadonlyArray<CST.Token>,
  maxDepth: number = YAML_LIMITS.maxDepth,
): number | undefined {
  const stack: Array<{ token: CST.Token | null | undefined; depth: number }> = [];
  for (let index = tokens.length - 1; index >= 0; index--)
    stack.push({ token: tokens[index], depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as (typeof stack)[number];
    if (!token) continue;
    if (token.type === "document") {
      stack.push({ token: token.value, depth });
      continue;
    }
    if (
      token.type !== "block-map" &&
      token.type !== "block-seq" &&
      token.type !== "flow-collection"
    )
      continue;
    const inner = depth + 1;
    if (inner > maxDepth) return token.offset;
    // Pushed in reverse, so the first deep collection in the text is found first.
    for (let index = token.items.length - 1; index >= 0; index--) {
      const item = token.items[index] as CST.CollectionItem;
      stack.push({ token: item.value, depth: inner });
      stack.push({ token: item.key, depth: inner });
    }
  }
  return undefined;
}

/**
 * Offset of the indicator that opens the `maxDepth + 1`-th collection on one
 * line (`- - - … x`, `? ? …`, `a: b: …`), or undefined. The `yaml` parser
 * builds such a line's collections without recursion but closes them
 * recursively when a later line follows, so 15,000 of them overflow the stack
 * before {@link tooDeepOffset} can look at the tree. Checked on the text, in
 * one pass, before the parser runs.
 */
export function tooDeepLineOffset(
  text: string,
  maxDepth: number = YAML_LIMITS.maxDepth,
): number | undefined {
  let run = 0;
  let tokenStart = -1;
  for (let index = 0; index <= text.length; index++) {
    const char = text[index];
    const boundary =
      char === undefined || char === " " || char === "\t" || char === "\n" || char === "\r";
    if (!boundary) {
      if (tokenStart < 0) tokenStart = index;
      continue;
    }
    if (tokenStart >= 0) {
      const last = text[index - 1];
      // "-", "?", ":" alone, or a plain key ending in ":", each open a collection.
      const opens =
        index - tokenStart === 1 ? last === "-" || last === "?" || last === ":" : last === ":";
      run = opens ? run + 1 : 0;
      if (run > maxDepth) return tokenStart;
      tokenStart = -1;
    }
    if (char === "\n" || char === "\r") run = 0;
  }
  return undefined;
}

/** An alias `toJS()` would reject or turn into a value that contains itself. */
export interface AliasIssue {
  kind: "unresolved" | "circular" | "excessive";
  /** The alias's name, without the `*`. */
  name: string;
  /** Offset of the alias in the text. */
  offset: number;
}

/**
 * The first alias that would make `document.toJS()` throw ("Unresolved alias",
 * "Excessive alias count") or build a circular value. It replays the `yaml`
 * package's own counting (nodes/Alias.js) in document order, which is the
 * order `toJS()` resolves aliases in, so the alias it names is the one that
 * trips the limit. Call it only on a document within {@link YAML_LIMITS.maxDepth}.
 */
export function findAliasIssue(
  document: Document,
  maxAliasCount: number = YAML_LIMITS.maxAliasCount,
): AliasIssue | undefined {
  const lastAnchor = new Map<string, YamlNode>();
  const counts = new Map<YamlNode, { count: number; aliasCount: number }>();
  const targets = new Map<YamlNode, YamlNode>();
  let issue: AliasIssue | undefined;

  const aliasCount = (node: unknown): number => {
    if (isAlias(node)) {
      const target = targets.get(node);
      const data = target ? counts.get(target) : undefined;
      return data ? data.count * data.aliasCount : 0;
    }
    if (isCollection(node)) return Math.max(0, ...node.items.map(aliasCount));
    if (isPair(node)) return Math.max(aliasCount(node.key), aliasCount(node.value));
    return 1;
  };

  visit(document, (_key, node, path) => {
    if ((isScalar(node) || isCollection(node)) && node.anchor) {
      lastAnchor.set(node.anchor, node);
      counts.set(node, { count: 1, aliasCount: 0 });
    }
    if (!isAlias(node)) return undefined;
    const offset = node.range?.[0] ?? 0;
    const target = lastAnchor.get(node.source);
    if (!target) {
      issue = { kind: "unresolved", name: node.source, offset };
      return visit.BREAK;
    }
    if (path.includes(target)) {
      issue = { kind: "circular", name: node.source, offset };
      return visit.BREAK;
    }
    targets.set(node, target);
    const data = counts.get(target) as { count: number; aliasCount: number };
    data.count += 1;
    if (data.aliasCount === 0) data.aliasCount = aliasCount(target);
    if (data.count * data.aliasCount > maxAliasCount) {
      issue = { kind: "excessive", name: node.source, offset };
      return visit.BREAK;
    }
    return undefined;
  });
  return issue;
}

/** The one-line message for an alias issue, saying what to do. */
export function aliasIssueMessage(issue: AliasIssue): string {
  switch (issue.kind) {
    case "unresolved":
      return `alias "*${issue.name}" has no anchor "&${issue.name}" before it; define the anchor above the alias or write the value out`;
    case "circular":
      return `alias "*${issue.name}" is inside the value anchored as "&${issue.name}", so the value would contain itself; write the value out`;
    case "excessive":
      return `aliases expand to more than ${YAML_LIMITS.maxAliasCount} values at "*${issue.name}" (the limit on input files); write the values out or use fewer aliases`;
  }
}
