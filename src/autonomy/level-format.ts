import type { DomainLevel, LevelReport } from "./assess-level.js";

/**
 * `jig level` as text: the overall level and why, each domain's claims up to
 * the next level with what proved or disproved them, then the next steps.
 * Claims above the next level are in `--format json`; showing them here would
 * bury the one step that matters. Pure.
 */
export function formatLevelText(report: LevelReport): string {
  const { history } = report;
  const lines = [
    `Dark Factory level: L${report.level}`,
    `  ${report.basis}`,
    `  history: ${history.ref}, ${history.commits} commit(s) since ${history.since.slice(0, 10)} (at most ${history.limit}), ${history.agentCommits} by agents`,
    "",
  ];
  for (const domain of report.domains) lines.push(...formatDomain(domain), "");
  if (report.nextSteps.length === 0) {
    lines.push(report.level === 5 ? "L5 holds: nothing left to climb." : "No next step found.");
  } else {
    lines.push(`Next steps to L${report.level + 1}:`);
    for (const next of report.nextSteps)
      lines.push(`  - ${next.step}  [${next.domains.join(", ")}]`);
  }
  return `${lines.join("\n")}\n`;
}

function formatDomain(domain: DomainLevel): string[] {
  const head = `${domain.domain === "*" ? "* (outside every domain)" : domain.domain}: L${domain.level}`;
  if (domain.agentCommits === 0) {
    const first = domain.claims[0];
    return [`${head}  (no agent commits)`, ...(first ? first.evidence.map((e) => `    ${e}`) : [])];
  }
  const lines = [
    `${head}  (${domain.agentCommits} agent commit(s) by ${domain.agents.join(", ")})`,
  ];
  for (const claim of domain.claims.filter((c) => c.level <= domain.level + 1)) {
    lines.push(`  ${claim.holds ? "ok " : "no "} L${claim.level} ${claim.claim}`);
    for (const line of claim.evidence) lines.push(`        ${line}`);
    if (claim.step) lines.push(`        -> ${claim.step}`);
  }
  return lines;
}
