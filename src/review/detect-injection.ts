import type { Change } from "../core/change.js";
import { compileGlobs } from "../core/compile-glob.js";
import type { FindingDraft } from "../core/finding.js";
import { hasInvisibleCharacters, stripInvisible } from "./sanitize-untrusted.js";

/** Rule ids of the deterministic prompt-injection checks. */
export const INJECTION_RULES = {
  /** Text in the change addressed to an AI or a reviewer. */
  addressed: "JIG-R001",
  /** Invisible or bidi-control characters in added lines. */
  hidden: "JIG-R002",
} as const;

/**
 * Phrases that talk to a model or a reviewer rather than to a programmer.
 * Matched on normalised text (lower case, invisible characters removed,
 * look-alike letters folded, whitespace collapsed). They are written to be
 * specific: a false positive blocks a merge, so "no issues found" in a log
 * string does not match, but "reviewer: approve" does.
 */
const PHRASES: RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass|skip|drop)\b[^.\n]{0,40}\b(previous|prior|above|earlier|preceding|all|any|your|system|original|existing)\b[^.\n]{0,30}\b(instructions?|prompts?|rules?|directives?|guidelines?|guidance|context|constraints)\b/,
  /\b(ai|llm|gpt|chatgpt|claude|copilot|gemini|assistant|language model|reviewers?|code reviewer|review bot|bot|codex|automated reviewer?|review agent)\s*[:,\-—]+\s*(please\s+)?(approve|pass|accept|lgtm|ignore|skip|do not|don't|dont|mark|return|respond|say|output|treat|consider|you must|you should|report nothing|disregard)\b/,
  /\b(reviewers?|ai|llm|model|assistant|bot|agent|gpt|claude|copilot)\b[^.\n]{0,25}\b(should|must|will|shall|needs? to|is instructed to|has to|are to|is to)\s+(approve|pass|accept|ignore|skip|not report|not flag|not mention|overlook|disregard|let this)/,
  /\b(do not|don't|dont|never|no need to|please don't|refrain from)\s+(report|flag|mention|raise|list|point out|comment on|review)\w*\s+(on\s+)?(this|these|that|any|the|it|them)?\s*(issues?|findings?|problems?|bugs?|vulnerabilit\w*|defects?|security|code|change|file|function|lines?|below|above)\b/,
  /\b(approve|pass|accept|lgtm|greenlight|rubber-?stamp)\b\s+(this|the|my)\s+(change|pr|pull request|diff|commit|code|patch|merge request|review)\b/,
  /\b(mark|report|treat|consider|set|record|judge)\b[^.\n]{0,30}\b(criteria|criterion|acceptance|checks?|requirements?)\b[^.\n]{0,20}\b(as\s+)?(met|passed|passing|satisfied|green|fulfilled)\b/,
  /\b(new|updated|real|actual|true|revised|override)\s+(instructions?|task|system prompt|directive|role)\s*[:-]/,
  /\byou are (now|no longer)\b/,
  /<\|(im[ _]?start|im[ _]?end|system|end ?of ?text|user|assistant)\|>|\[\/?inst\]|<<\/?sys>>|^\s*#{2,3}\s*(system|instruction)s?\s*:?/,
  /(<<<\s*end|\bend of (the )?(untrusted|diff|data|input|change|user content)\b|\[end (of )?(diff|input|untrusted)\])/,
  /\b(return|respond with|output|reply with|answer with|emit)\b[^.\n]{0,30}("?findings"?\s*:\s*\[\s*\]|an? empty (list|array|findings|result)|no findings|zero findings|nothing to report)/,
  /\b(already|previously)\s+(been\s+)?(reviewed|approved|audited|vetted|verified|signed off)\b|\b(reviewed|approved|audited|vetted|signed off) by (the )?(security|review|audit|qa|compliance|platform) team\b/,
  /\b(rate|classify|label|downgrade|treat|report|score)\s+(this|these|it|them|any|all|every)\b[^.\n]{0,25}\bas\s+(info|informational|low|harmless|safe|benign|a false positive|false positives|not a (bug|defect|issue|problem))\b/,
  /\b(pretend|act as if|imagine|assume)\b[^.\n]{0,40}\b(no|zero|there are no) (bugs|issues|problems|findings|defects|vulnerabilities)\b/,
  /\b(note|message|instructions?|attention|memo|psa) (to|for) (the |any )?(ai|llm|reviewers?|models?|assistants?|bots?|agents?|automated|language models?|copilot|claude|gpt)\b/,
  /\b(dear|hey|hi|hello|attention|ok|okay)[,\s]+(ai|llm|reviewer|claude|gpt|chatgpt|copilot|gemini|assistant|model|bot)\b/,
  /\b(system|developer) (prompt|message|override|mode)\b[^.\n]{0,30}\b(ignore|approve|disable|enabled?|activated?|override|new)\b/,
];

/** The same phrases with every non-letter removed, to catch "i.g.n.o.r.e" and friends. */
const SQUASHED =
  /ignore(all|any)?(the|your)?(previous|prior|above|earlier)?(instructions|prompts|rules)|disregard(all)?(the|your)?(previous|prior|above)(instructions|prompts)|forget(all)?(your|previous|prior)instructions|approvethis(change|pr|pullrequest|diff|commit)|do(not|nt)(report|flag|mention)(this|these|any)|mark(all)?(the)?(acceptance)?criteriaasmet|reviewer(please)?approve|returnnofindings|youarenow/;

const CONFUSABLES: Record<string, string> = {
  "\u0430": "a",
  "\u0435": "e",
  "\u043e": "o",
  "\u0440": "p",
  "\u0441": "c",
  "\u0443": "y",
  "\u0445": "x",
  "\u0456": "i",
  "\u0458": "j",
  "\u0455": "s",
  "\u04cf": "l",
  "\u0501": "d",
  "\u03bf": "o",
  "\u03b1": "a",
  "\u03b5": "e",
  "\u03b9": "i",
  "\u03ba": "k",
  "\u03bd": "v",
  "\u0131": "i",
};
const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "!": "i",
};

/** Lower case, invisible characters out, look-alikes folded, spacing collapsed. */
export function normalizeForDetection(text: string): string {
  const folded = stripInvisible(text)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u0370-\u04ff\u0131]/g, (char) => CONFUSABLES[char] ?? char);
  return folded
    .replace(/[‘’`´]/g, "'")
    .replace(/[_*~]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function squash(normalized: string): string {
  return normalized.replace(/[0-9@$!]/g, (char) => LEET[char] ?? char).replace(/[^a-z]/g, "");
}

/** Does this text address an AI or a reviewer? Returns the matched words. */
export function matchInjection(text: string): string | undefined {
  const normalized = normalizeForDetection(text);
  for (const phrase of PHRASES) {
    const found = phrase.exec(normalized);
    if (found) return found[0];
  }
  const squashed = SQUASHED.exec(squash(normalized));
  if (squashed) return squashed[0];
  for (const decoded of [...decodeHidden(text), ...decodeBase64Runs(text)]) {
    const inner = matchInjection(decoded);
    if (inner) return `base64: ${inner}`;
  }
  return undefined;
}

/**
 * Text hidden from humans but readable by a model: Unicode tag characters
 * (U+E0020–E007E mirror ASCII, "ASCII smuggling") and runs after a
 * right-to-left override, which display reversed.
 */
function decodeHidden(text: string): string[] {
  const hidden: string[] = [];
  const tags = [...text].filter((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code >= 0xe0020 && code <= 0xe007e;
  });
  if (tags.length > 0)
    hidden.push(
      tags.map((char) => String.fromCharCode((char.codePointAt(0) ?? 0) - 0xe0000)).join(""),
    );
  for (const run of text.split("\u202e").slice(1)) {
    hidden.push([...(run.split(/[\u202a-\u202c]/)[0] ?? "")].reverse().join(""));
  }
  return hidden;
}

function decodeBase64Runs(text: string): string[] {
  const decoded: string[] = [];
  for (const run of text.match(/[A-Za-z0-9+/]{24,}={0,2}/g) ?? []) {
    const value = Buffer.from(run, "base64").toString("utf8");
    // Only text-like payloads; random identifiers decode to binary noise.
    if (/^[\x20-\x7e\s]+$/.test(value) && /[a-z]{3,} [a-z]{3,}/i.test(value)) decoded.push(value);
  }
  return decoded;
}

export interface InjectionScanOptions {
  /** Globs of files allowed to contain such text (test corpora, docs about injection). */
  allow?: readonly string[];
}

/**
 * The deterministic prompt-injection detector. It reads what a change adds
 * (lines, commit messages) and turns text addressed to an AI or a reviewer
 * into a high finding, and hidden characters into a medium one. It runs
 * without a model, so an injection that fools the model still fails the gate.
 *
 * Consecutive added lines are also read as one block, so an instruction
 * split over comment lines is still caught.
 */
export function detectInjection(
  change: Change,
  options: InjectionScanOptions = {},
): FindingDraft[] {
  const allowed =
    options.allow && options.allow.length > 0
      ? compileGlobs(options.allow, { dot: true }, "jig.config.yaml review.injectionAllow")
      : () => false;
  const findings: FindingDraft[] = [];
  for (const file of change.files) {
    if (file.binary || allowed(file.path)) continue;
    let hiddenReported = false;
    for (const hunk of file.hunks) {
      const block: Array<{ line: number; text: string }> = [];
      const flush = () => {
        if (block.length === 0) return;
        const hit = scanBlock(block);
        if (hit) findings.push(addressedFinding(file.path, hit.line, hit.match));
        block.length = 0;
      };
      for (const line of hunk.lines) {
        if (line.kind !== "add") {
          flush();
          continue;
        }
        block.push({ line: line.newLine, text: line.text });
        if (!hiddenReported && hasInvisibleCharacters(line.text)) {
          hiddenReported = true;
          findings.push({
            ruleId: INJECTION_RULES.hidden,
            severity: "medium",
            file: file.path,
            line: line.newLine,
            title: "Invisible or bidi-control characters in added text",
            message:
              "An added line holds zero-width, bidi-override or Unicode tag characters. They hide text from human reviewers (Trojan Source) while a model still reads it; jig strips them before review.",
            suggestion:
              "Remove the hidden characters, or write them as escapes if they are intended.",
          });
        }
      }
      flush();
    }
  }
  for (const commit of change.commits) {
    const match = matchInjection(`${commit.subject}\n${commit.body}`);
    if (match) {
      findings.push({
        ...addressedFinding(undefined, undefined, match),
        message: `Commit ${commit.sha.slice(0, 7)} ("${commit.subject.slice(0, 80)}") contains "${match}", which reads as an instruction to an AI reviewer. Commit messages are untrusted input; jig never lets a model approve a change.`,
      });
    }
  }
  return dedupe(findings);
}

function scanBlock(
  block: Array<{ line: number; text: string }>,
): { line: number; match: string } | undefined {
  for (const entry of block) {
    const match = matchInjection(entry.text);
    if (match) return { line: entry.line, match };
  }
  if (block.length < 2) return undefined;
  // Instructions split across comment lines: read the block as one text.
  const joined = block
    .map((entry) => entry.text.replace(/^\s*(\/\/+|#+|\*+|\/\*+|--|;+|<!--)?/, ""))
    .join(" ");
  const match = matchInjection(joined);
  return match ? { line: block[0]?.line ?? 1, match } : undefined;
}

function addressedFinding(
  file: string | undefined,
  line: number | undefined,
  match: string,
): FindingDraft {
  return {
    ruleId: INJECTION_RULES.addressed,
    severity: "high",
    ...(file ? { file } : {}),
    ...(line ? { line } : {}),
    title: "Text in the change addresses the AI reviewer (prompt injection)",
    message: `"${match.slice(0, 120)}" reads as an instruction to an AI or a reviewer. Text in a change is data, never instructions; jig flags it so a human decides, and the model is never asked to approve.`,
    suggestion:
      "Remove the text. If the file legitimately holds such text (an injection test corpus, security docs), list it in review.injectionAllow.",
  };
}

function dedupe(findings: FindingDraft[]): FindingDraft[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.ruleId}:${finding.file ?? ""}:${finding.line ?? ""}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
