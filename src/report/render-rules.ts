import type { RuleInfo } from "../contract/rule-registry.js";

/** `jig rules`: one line per rule, ids aligned, for the terminal. */
export function renderRuleList(rules: readonly RuleInfo[]): string {
  const width = Math.max(0, ...rules.map((rule) => rule.id.length));
  const lines = rules.map((rule) => `${rule.id.padEnd(width)}  ${rule.title}`);
  return `${lines.join("\n")}\n`;
}

/** `jig rules ID`: the title, who reports it, how severe, and the help text. */
export function renderRuleHelp(rule: RuleInfo): string {
  return `${rule.id}  ${rule.title}

reported by: ${rule.reportedBy}
severity:    ${rule.severity}

${rule.help}
`;
}

/**
 * docs/rules.md, generated from the registry (`npm run docs:rules`); a test
 * fails when the committed file differs, so the docs cannot drift from the
 * rules SARIF and `jig rules` show.
 */
export function renderRulesMarkdown(rules: readonly RuleInfo[]): string {
  const sections = rules.map(
    (rule) => `## ${rule.id}: ${markdownText(rule.title)}

Reported by ${rule.reportedBy}. Severity: ${rule.severity}.

${markdownText(rule.help)}
`,
  );
  return `# jig rules

<!-- Generated from src/contract/rule-registry.ts by \`npm run docs:rules\`. Do not edit. -->

Every rule jig reports under a \`JIG-*\` id. \`jig rules\` lists them and
\`jig rules ID\` prints one; SARIF output carries the same titles and help.
Failure-model findings (\`FM-…\`) are described by their catalog
(\`jig failures list\`), and criterion findings (\`SPEC-0007/AC-2\`) by their spec.

| id | title | reported by | severity |
|---|---|---|---|
${rules.map((rule) => `| [\`${rule.id}\`](#${rule.id.toLowerCase()}-${slug(rule.title)}) | ${markdownText(rule.title).replace(/\|/g, "\\|")} | ${rule.reportedBy} | ${rule.severity} |`).join("\n")}

${sections.join("\n")}`;
}

/** GitHub's heading anchor for `## ID: title`, minus the id part. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-");
}

/** Plain text in markdown: `<slug>` must show, not vanish as an HTML tag. */
function markdownText(text: string): string {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
