import { formatInterval } from "../autonomy/agreement-interval.js";
import type { LevelReport } from "../autonomy/assess-level.js";
import type { AutonomyStatus } from "../autonomy/autonomy-status.js";
import { h } from "./ui-html.js";

/** What the Autonomy page shows: the class map, and the level when it could be assessed. */
export interface AutonomyView {
  status: AutonomyStatus;
  level?: LevelReport;
  /** Why the level is missing (no git history, a broken autonomy.yaml...). */
  levelError?: string;
  /** Why autonomy.yaml could not be read, when it is invalid. */
  autonomyProblems?: string[];
}

export function renderAutonomy(view: AutonomyView) {
  const { status, level } = view;
  return h`${view.autonomyProblems ? h`<p role="alert" class="message">autonomy.yaml is invalid: ${view.autonomyProblems.join("; ")}</p>` : ""}
${status.configured ? "" : h`<p class="message">autonomy.yaml is not present: modes are not enforced. <code>jig autonomy propose --write</code> starts one.</p>`}
<section aria-labelledby="map-h"><h2 id="map-h">Agents × domains</h2>
<div class="table-wrap"><table data-testid="autonomy-map"><caption>Mode in force, agreement (95% interval) and next step per class</caption>
<thead><tr><th scope="col">Agent</th><th scope="col">Domain</th><th scope="col">Mode</th><th scope="col">Agreement</th><th scope="col">Days</th><th scope="col">Incidents</th><th scope="col">Next step</th></tr></thead>
<tbody>${status.classes.map(
    (c) =>
      h`<tr><td>${c.agent}</td><td>${c.domain}</td><td><span class="mode mode-${c.mode}">${c.mode}</span><br><small>${c.source}</small></td><td>${formatInterval(c.evidence.agreement)}</td><td>${c.evidence.days}</td><td>${c.evidence.incidents}</td><td>${c.next.to ? `→ ${c.next.to}: ` : ""}${c.next.condition}${c.next.missing.length > 0 ? ` (missing: ${c.next.missing.join("; ")})` : ""}</td></tr>`,
  )}
${status.classes.length === 0 ? h`<tr><td colspan="7">No evidence recorded yet.</td></tr>` : ""}</tbody></table></div>
</section>
<section aria-labelledby="level-h" data-testid="dark-factory-level"><h2 id="level-h">Dark Factory level</h2>
${
  level
    ? h`<p class="level">Level <strong>${level.level}</strong> of 5: ${level.basis}</p>
<p>History: ${level.history.commits} commits on ${level.history.ref} since ${level.history.since}, ${level.history.agentCommits} by agents.</p>
${level.nextSteps.length > 0 ? h`<h3>Next steps</h3><ul>${level.nextSteps.map((s) => h`<li>L${s.level}: ${s.step} (${s.domains.join(", ")})</li>`)}</ul>` : ""}
${level.domains.map(
  (
    d,
  ) => h`<details><summary>${d.domain}: level ${d.level} (${d.agentCommits} agent commits)</summary>
<ul>${d.claims.map((claim) => h`<li>${claim.holds ? "✓" : "✗"} L${claim.level} ${claim.claim}<br><small>${claim.evidence.join("; ")}</small>${claim.step ? h`<br><small>Step: ${claim.step}</small>` : ""}</li>`)}</ul>
</details>`,
)}`
    : h`<p>The level could not be assessed: ${view.levelError ?? "unknown reason"}.</p>`
}
</section>`;
}
