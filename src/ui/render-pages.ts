import type { Approval } from "../agents/approval-store.js";
import type { AuditRecord } from "../agents/audit-log.js";
import { renderApprovalContent } from "./render-approval-content.js";
import { formatTime, h, href } from "./ui-html.js";
import type { AuditFilters, Trends } from "./ui-queries.js";

/** Chart data travels in a data attribute (HTML-escaped, read back by app.js): no inline script. */
function chart(testid: string, label: string, data: unknown) {
  return h`<figure class="chart"><div data-testid="${testid}" class="chart-box" role="img" aria-label="${label}" data-chart="${JSON.stringify(data)}"></div><figcaption>${label}</figcaption></figure>`;
}

export function renderTrends(trends: Trends) {
  const never = trends.findingsPerModel.filter((m) => m.count === 0);
  return h`<section aria-labelledby="verdicts-h"><h2 id="verdicts-h">Verdicts per day</h2>
${chart("chart-verdicts", "Gate verdicts per day: pass, fail, needs-human", {
  kind: "verdicts",
  days: trends.verdictsPerDay.map((d) => d.day),
  series: {
    pass: trends.verdictsPerDay.map((d) => d.pass),
    fail: trends.verdictsPerDay.map((d) => d.fail),
    "needs-human": trends.verdictsPerDay.map((d) => d.needsHuman),
  },
})}
</section>
<section aria-labelledby="findings-h"><h2 id="findings-h">Findings per failure model</h2>
${topModelsChart(trends.findingsPerModel)}
${domainTable(trends.findingsPerModel)}
<div class="table-wrap"><table><caption>Failure models by domain (${never.length} never fired)</caption>
<thead><tr><th scope="col">Failure model</th><th scope="col">Domain</th><th scope="col">Findings</th></tr></thead>
<tbody>${trends.findingsPerModel.map((m) => h`<tr${m.count === 0 ? h` class="never"` : ""}><td>${m.ruleId}</td><td>${m.domain}</td><td>${m.count === 0 ? "never fired" : m.count}</td></tr>`)}</tbody></table></div>
</section>
<section aria-labelledby="evals-h"><h2 id="evals-h">Eval satisfaction and pass^k per suite</h2>
${chart("chart-evals", "Eval satisfaction per suite over time, with 95% intervals", {
  kind: "evals",
  suites: trends.evals,
})}
<div class="table-wrap"><table><caption>Latest eval run per suite</caption>
<thead><tr><th scope="col">Suite</th><th scope="col">Runs</th><th scope="col">Satisfaction</th><th scope="col">95% interval</th><th scope="col">pass^k</th><th scope="col">Threshold</th></tr></thead>
<tbody>${trends.evals.map((suite) => {
    const last = suite.points.at(-1);
    return h`<tr><td>${suite.suite}</td><td>${suite.points.length}</td><td>${last ? pct(last.satisfaction) : "–"}</td><td>${last?.low !== undefined && last.high !== undefined ? `${pct(last.low)}–${pct(last.high)}` : "–"}</td><td>${last ? `${pct(last.passAll)} (k=${last.repeat})` : "–"}</td><td>${last ? pct(last.threshold) : "–"}</td></tr>`;
  })}</tbody></table></div>
</section>
<section aria-labelledby="cost-h"><h2 id="cost-h">Review cost per week</h2>
${chart("chart-cost", "Review model cost per week in USD", {
  kind: "bars",
  labels: trends.costPerWeek.map((w) => w.week),
  values: trends.costPerWeek.map((w) => w.costUsd),
})}
<div class="table-wrap"><table><caption>Review cost per week</caption>
<thead><tr><th scope="col">Week of</th><th scope="col">Calls</th><th scope="col">Cost (USD)</th></tr></thead>
<tbody>${trends.costPerWeek.map((w) => h`<tr><td>${w.week}</td><td>${w.calls}</td><td>${w.costUsd.toFixed(2)}</td></tr>`)}</tbody></table></div>
</section>`;
}

const TOP_MODELS = 15;
const ROW_HEIGHT = 22;

/**
 * The most frequent failure models as horizontal bars, drawn on the server
 * as SVG: with ~100 models a column chart squashes its labels together, and
 * bars sideways keep each full id readable. The table below lists them all.
 */
function topModelsChart(models: Trends["findingsPerModel"]) {
  const top = models.filter((m) => m.count > 0).slice(0, TOP_MODELS);
  if (top.length === 0)
    return h`<p data-testid="chart-findings">No failure model has fired yet.</p>`;
  const max = Math.max(...top.map((m) => m.count));
  const labelWidth = 190;
  const barSpace = 520;
  const width = labelWidth + barSpace + 60;
  const height = top.length * ROW_HEIGHT + 8;
  const label = `Top ${top.length} failure models by findings`;
  return h`<figure class="chart"><svg data-testid="chart-findings" class="hbars" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">
${top.map((m, i) => {
  const y = 4 + i * ROW_HEIGHT;
  const w = Math.max(1, Math.round((m.count / max) * barSpace));
  return h`<g data-testid="model-bar" data-rule-id="${m.ruleId}" data-count="${m.count}"><title>${m.ruleId} (${m.domain}): ${m.count}</title><text class="label" x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${m.ruleId}</text><rect class="bar" x="${labelWidth}" y="${y + 2}" width="${w}" height="${ROW_HEIGHT - 6}"></rect><text class="count" x="${labelWidth + w + 6}" y="${y + 14}">${m.count}</text></g>`;
})}
</svg><figcaption>${label}; every model, including those that never fired, is in the table below.</figcaption></figure>`;
}

/** Findings per domain: how many models each has, how many fired, and their findings. */
function domainTable(models: Trends["findingsPerModel"]) {
  const domains = new Map<string, { models: number; fired: number; findings: number }>();
  for (const m of models) {
    const d = domains.get(m.domain) ?? { models: 0, fired: 0, findings: 0 };
    d.models += 1;
    d.fired += m.count > 0 ? 1 : 0;
    d.findings += m.count;
    domains.set(m.domain, d);
  }
  const rows = [...domains].sort(
    (a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0]),
  );
  return h`<div class="table-wrap"><table data-testid="domain-table"><caption>Findings per domain</caption>
<thead><tr><th scope="col">Domain</th><th scope="col">Models</th><th scope="col">Fired</th><th scope="col">Findings</th></tr></thead>
<tbody>${rows.map(([domain, d]) => h`<tr><td>${domain}</td><td>${d.models}</td><td>${d.fired}</td><td>${d.findings}</td></tr>`)}</tbody></table></div>`;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The pending queue: a fragment htmx re-fetches every 2 s (204 when nothing changed). */
export function renderApprovalList(
  pending: readonly Approval[],
  version: string,
  csrf: string,
  current: ReadonlyMap<string, string> = new Map(),
) {
  return h`<div id="approval-list" hx-get="${href("/approvals/list", { v: version })}" hx-trigger="every 2s" hx-swap="outerHTML" aria-live="polite">
<p>${pending.length} pending</p>
${pending.map(
  (
    approval,
  ) => h`<article class="approval" data-testid="approval-item" data-approval-id="${approval.id}" aria-labelledby="apr-${approval.id}">
<h2 id="apr-${approval.id}">${approval.id}: ${approval.summary}</h2>
<p>${approval.agent} · ${approval.tool} · asked ${formatTime(approval.createdAt)} · expires ${formatTime(approval.expiresAt)}</p>
<p>Why: ${approval.reason} (${approval.policies.join(", ")})</p>
${renderApprovalContent(approval, current.get(approval.id))}
<form method="post" action="${href(`/approvals/${encodeURIComponent(approval.id)}/approve`)}" class="decide">
<input type="hidden" name="csrf" value="${csrf}">
<label for="reason-${approval.id}">Reason for ${approval.id}</label>
<textarea id="reason-${approval.id}" name="reason" required data-testid="approval-reason"></textarea>
<button type="submit" data-testid="approve-button">Approve</button>
<button type="submit" formaction="${href(`/approvals/${encodeURIComponent(approval.id)}/deny`)}" data-testid="deny-button">Deny</button>
</form>
</article>`,
)}
</div>`;
}

export function renderApprovals(
  pending: readonly Approval[],
  decided: readonly Approval[],
  version: string,
  csrf: string,
  current: ReadonlyMap<string, string>,
  message?: string,
) {
  return h`${message ? h`<p role="status" class="message">${message}</p>` : ""}
${renderApprovalList(pending, version, csrf, current)}
<section aria-labelledby="decided-h"><h2 id="decided-h">Recently decided</h2>
<ul>${decided.map((a) => h`<li>${a.id} ${a.status} by ${a.decidedBy ?? "?"}${a.decisionReason ? `: ${a.decisionReason}` : ""} (${a.summary})</li>`)}</ul>
</section>`;
}

export function renderAudit(
  entries: readonly AuditRecord[],
  verification: { ok: boolean; records: number; problems: Array<{ seq: number; message: string }> },
  filters: AuditFilters,
) {
  return h`<p data-testid="audit-chain-status" class="${verification.ok ? "chain-ok" : "chain-broken"}">${
    verification.ok
      ? `Chain verified: ${verification.records} records, every hash links to the one before.`
      : `Chain BROKEN: ${verification.problems.length} problem(s) in ${verification.records} records.`
  }</p>
${verification.problems.length > 0 ? h`<ul>${verification.problems.slice(0, 20).map((p) => h`<li>#${p.seq}: ${p.message}</li>`)}</ul>` : ""}
<form method="get" action="/audit" class="filters" role="search" aria-label="Filter audit records">
<label for="audit-agent">Agent</label><input id="audit-agent" name="agent" value="${filters.agent ?? ""}">
<label for="audit-decision">Decision</label>
<select id="audit-decision" name="decision"><option value="">any</option>
${["allow", "deny", "ask"].map((d) => h`<option value="${d}"${filters.decision === d ? h` selected` : ""}>${d}</option>`)}
</select>
<button type="submit">Filter</button>
</form>
<div class="table-wrap"><table class="stack"><caption>Newest ${entries.length} records</caption>
<thead><tr><th scope="col">#</th><th scope="col">At</th><th scope="col">Agent</th><th scope="col">Tool</th><th scope="col">Decision</th><th scope="col">Reason</th><th scope="col">Input</th><th scope="col">Hash</th></tr></thead>
<tbody>${entries.map(
    (e) =>
      h`<tr data-testid="audit-entry"><td data-label="#">${e.seq}</td><td data-label="At">${formatTime(e.at)}</td><td data-label="Agent">${e.agent}</td><td data-label="Tool">${e.tool} (${e.adapter})</td><td data-label="Decision">${e.decision}${e.mode ? ` · ${e.mode}` : ""}</td><td data-label="Reason">${e.reason}</td><td data-label="Input"><code>${e.input}</code></td><td data-label="Hash"><code>${e.hash.slice(0, 12)}</code></td></tr>`,
  )}</tbody></table></div>`;
}

export function renderLogin(csrf: string, error?: string) {
  return h`${error ? h`<p role="alert" class="message">${error}</p>` : ""}
<form method="post" action="/login" class="login">
<input type="hidden" name="csrf" value="${csrf}">
<label for="login-name">Your name</label><input id="login-name" name="name" autocomplete="username" required>
<label for="login-token">Token</label><input id="login-token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button>
</form>`;
}
