import type { Report } from "../contract/index.js";
import { formatMs, formatTime, h, href, verdictBadge } from "./ui-html.js";
import type { FilterChoices, RunPage, RunRow } from "./ui-queries.js";

const VERDICTS = ["pass", "fail", "needs-human"] as const;

/** The Runs page body: the filter form, the table, and the pager. */
export function renderRunList(page: RunPage, choices: FilterChoices) {
  const f = page.filters;
  const field = (name: string, label: string, value: string | undefined, type = "text") =>
    h`<label for="filter-${name}">${label}</label><input id="filter-${name}" name="${name}" type="${type}" value="${value ?? ""}">`;
  const form = h`<form method="get" action="/runs" data-testid="run-filter" class="filters" role="search" aria-label="Filter runs">
<label for="filter-verdict">Verdict</label>
<select id="filter-verdict" name="verdict">
<option value="">any</option>
${VERDICTS.map((v) => h`<option value="${v}"${f.verdict === v ? h` selected` : ""}>${v}</option>`)}
</select>
<label for="filter-branch">Branch</label>
<select id="filter-branch" name="branch">
<option value="">any</option>
${choices.branches.map((b) => h`<option value="${b}"${f.branch === b ? h` selected` : ""}>${b}</option>`)}
</select>
<label for="filter-spec">Spec</label>
<select id="filter-spec" name="spec">
<option value="">any</option>
${withCurrent(choices.specs, f.spec, (id) => ({ id, title: "" })).map((s) => h`<option value="${s.id}"${f.spec === s.id ? h` selected` : ""}>${s.title ? `${s.id} ${s.title}` : s.id}</option>`)}
</select>
<label for="filter-agent">Agent</label>
<select id="filter-agent" name="agent">
<option value="">any</option>
${withCurrent(choices.agents, f.agent, (a) => a).map((a) => h`<option value="${a}"${f.agent === a ? h` selected` : ""}>${a}</option>`)}
</select>
${field("from", "From", f.from, "date")}
${field("to", "To", f.to, "date")}
<button type="submit">Filter</button>
<a href="/runs">Clear</a>
</form>`;
  const rows = page.runs.map(runRow);
  const query = { ...f };
  const pager = h`<nav class="pager" aria-label="Pages">
<span>${page.total} runs · page ${page.page} of ${page.pages}</span>
${page.page > 1 ? h`<a rel="prev" href="${href("/runs", { ...query, page: page.page - 1 })}">Newer</a>` : ""}
${page.page < page.pages ? h`<a rel="next" href="${href("/runs", { ...query, page: page.page + 1 })}">Older</a>` : ""}
</nav>`;
  return h`${form}
<form method="get" action="/runs/compare" class="compare-form" aria-label="Compare two runs">
<label for="compare-a">Run A</label><input id="compare-a" name="a" required>
<label for="compare-b">Run B</label><input id="compare-b" name="b" required>
<button type="submit">Compare</button>
</form>
<div class="table-wrap">
<table class="runs stack">
<caption>Gate runs, newest first</caption>
<thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">Verdict</th><th scope="col">Branch</th><th scope="col">Spec</th><th scope="col">Agents</th><th scope="col">Findings</th><th scope="col">Duration</th></tr></thead>
<tbody>
${rows.length > 0 ? rows : h`<tr><td colspan="8">No runs match.</td></tr>`}
</tbody>
</table>
</div>
${pager}`;
}

/**
 * The choices, plus the current filter when the store has no such value (a
 * typed URL or an API-style query): the form keeps showing what is applied.
 */
function withCurrent<T>(
  choices: readonly T[],
  current: string | undefined,
  make: (value: string) => T,
): T[] {
  if (!current) return [...choices];
  const known = choices.some(
    (c) => (typeof c === "string" ? c : (c as { id: string }).id) === current,
  );
  return known ? [...choices] : [...choices, make(current)];
}

function runRow(run: RunRow) {
  return h`<tr data-testid="run-row" data-run-id="${run.id}">
<td data-label="Run" class="run-id"><a href="${href(`/runs/${encodeURIComponent(run.id)}`)}">${run.id}</a></td>
<td data-label="Started">${formatTime(run.startedAt)}</td>
<td data-label="Verdict">${verdictBadge(run.outcome)}</td>
<td data-label="Branch">${run.branch}</td>
<td data-label="Spec">${run.spec ? `${run.spec.id} ${run.spec.title}` : "–"}</td>
<td data-label="Agents">${run.agents.join(", ") || "–"}</td>
<td data-label="Findings">${run.findings}</td>
<td data-label="Duration">${formatMs(run.durationMs)}</td>
</tr>`;
}

/** Lines of source around a finding, when the commit still has the file. */
export type Excerpts = Map<string, { start: number; lines: string[] } | undefined>;

export function excerptKey(file: string, line: number): string {
  return `${file}:${line}`;
}

function costOf(report: Report): number {
  return report.layers.reduce((sum, layer) => sum + (layer.usage?.costUsd ?? 0), 0);
}

/** The brief for a person: the verdict's reasons and what must be decided, in plain words. */
function brief(report: Report) {
  const reasons = report.verdict.reasons;
  const decisions = report.decisions ?? [];
  return h`<section aria-labelledby="brief-h"><h2 id="brief-h">Brief</h2>
<p>${report.range.description}: ${report.change.files} files, +${report.change.additions} −${report.change.deletions}, ${report.change.commits} commits${report.spec ? `, for ${report.spec.id} ${report.spec.title}` : ""}.</p>
${reasons.length > 0 ? h`<ul>${reasons.map((r) => h`<li>${r}</li>`)}</ul>` : h`<p>Clean pass: nothing to decide.</p>`}
${decisions.length > 0 ? h`<h3>To decide</h3><ul>${decisions.map((d) => h`<li><strong>${d.kind}</strong>: ${d.summary}${d.location ? ` (${d.location})` : ""}</li>`)}</ul>` : ""}
</section>`;
}

/** One run: verdict, brief, layers, findings with excerpts, criteria, review coverage, cost, merge. */
export function renderRunDetail(report: Report, excerpts: Excerpts) {
  const review = report.layers.find((layer) => layer.name === "review");
  const coverage = review?.notes.filter((note) => /coverage|reviewed/i.test(note)) ?? [];
  return h`<p class="run-head">${verdictBadge(report.verdict.outcome)} <span>${report.run.id}</span> · ${formatTime(report.run.startedAt)} · ${formatMs(report.run.durationMs)} · ${report.range.headRef}</p>
${brief(report)}
<section aria-labelledby="merge-h"><h2 id="merge-h">Merge decision</h2>
${report.merge ? h`<p><strong>${report.merge.decision}</strong>: ${report.merge.reason}</p><p>Agents: ${report.merge.agents.join(", ") || "none"}</p>` : h`<p>Not recorded for this run.</p>`}
</section>
<section aria-labelledby="layers-h"><h2 id="layers-h">Layers</h2>
<ul class="layers">
${report.layers.map(
  (
    layer,
  ) => h`<li data-testid="layer"><strong>${layer.name}</strong> <span class="status-${layer.status}">${layer.status}</span> · ${formatMs(layer.durationMs)} · ${layer.findings} findings${layer.usage ? ` · $${layer.usage.costUsd.toFixed(4)}` : ""}
${layer.skipReason ? h`<p>Skipped: ${layer.skipReason}</p>` : ""}${layer.error ? h`<p>Error: ${layer.error}</p>` : ""}
${layer.notes.length > 0 ? h`<ul>${layer.notes.map((note) => h`<li>${note}</li>`)}</ul>` : ""}</li>`,
)}
</ul>
</section>
<section aria-labelledby="findings-h"><h2 id="findings-h">Findings (${report.findings.length})</h2>
${report.findings.map((finding) => {
  const excerpt =
    finding.file && finding.line ? excerpts.get(excerptKey(finding.file, finding.line)) : undefined;
  return h`<article class="finding sev-${finding.severity}" data-testid="finding">
<h3>${finding.severity} · ${finding.ruleId} · ${finding.title}</h3>
<p class="where">${finding.file ?? "(no file)"}${finding.line ? `:${finding.line}` : ""} · ${finding.layer}</p>
<p>${finding.message}</p>
${finding.suggestion ? h`<p>Suggestion: ${finding.suggestion}</p>` : ""}
${excerpt ? h`<pre class="excerpt" aria-label="Source excerpt">${excerpt.lines.map((line, i) => `${String(excerpt.start + i).padStart(5)}${excerpt.start + i === finding.line ? " > " : "   "}${line}\n`)}</pre>` : ""}
</article>`;
})}
</section>
<section aria-labelledby="criteria-h"><h2 id="criteria-h">Acceptance criteria</h2>
<div class="table-wrap">
<table data-testid="criteria-table" class="stack"><caption>Criteria compliance and evidence</caption>
<thead><tr><th scope="col">Criterion</th><th scope="col">Text</th><th scope="col">Status</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${report.criteria.map(
  (c) =>
    h`<tr><td data-label="Criterion">${c.id}</td><td data-label="Text">${c.text}</td><td data-label="Status">${c.status}</td><td data-label="Evidence">${c.evidence ?? "–"}${(c.sources ?? []).map((s) => h`<br>${s.kind}: ${s.status} (${s.detail})`)}</td></tr>`,
)}
${report.criteria.length === 0 ? h`<tr><td colspan="4">No criteria (no spec for this change).</td></tr>` : ""}
</tbody></table>
</div>
</section>
<section aria-labelledby="review-h"><h2 id="review-h">Review coverage and cost</h2>
<p>${review ? (coverage.length > 0 ? coverage.join("; ") : `review ${review.status}`) : "The review layer did not run."}</p>
<p>Model cost of this run: $${costOf(report).toFixed(4)}</p>
</section>
<p><a href="${href(`/api/v1/runs/${encodeURIComponent(report.run.id)}`)}">This report as JSON</a></p>`;
}

/** Two runs side by side: verdict, layers, findings and criteria. */
export function renderCompare(a: Report, b: Report) {
  const column = (
    report: Report,
  ) => h`<section class="compare-col" aria-label="Run ${report.run.id}">
<h2><a href="${href(`/runs/${encodeURIComponent(report.run.id)}`)}">${report.run.id}</a></h2>
<p>${verdictBadge(report.verdict.outcome)} · ${report.range.headRef} · ${formatTime(report.run.startedAt)}</p>
<h3>Layers</h3>
<ul>${report.layers.map((l) => h`<li>${l.name}: ${l.status} (${l.findings})</li>`)}</ul>
<h3>Findings (${report.findings.length})</h3>
<ul>${report.findings.map((f) => h`<li>${f.severity} ${f.ruleId} ${f.file ?? ""}${f.line ? `:${f.line}` : ""}: ${f.title}</li>`)}</ul>
<h3>Criteria</h3>
<ul>${report.criteria.map((c) => h`<li>${c.id}: ${c.status}</li>`)}</ul>
</section>`;
  return h`<div class="compare" data-testid="compare">${column(a)}${column(b)}</div>`;
}
