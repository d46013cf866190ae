import { describe, expect, it } from "vitest";
import type { JigError, ValidationError } from "../core/errors.js";
import { parseAnswersFile, readAnswersFile } from "./answers-file.js";
import { createAnswersInterviewer, type Interviewer, type Question } from "./interviewer.js";
import { lintSpec } from "./lint-spec.js";
import { parseSpec } from "./parse-spec.js";
import { renderSpec } from "./render-spec.js";
import { runInterview } from "./run-interview.js";

const answersYaml = `
title: Login throttling
problem: Attackers can guess passwords without limit.
audience: Account holders
criteria:
  - Given a user, when they submit a wrong password 5 times, then the API responds 429.
  - The login page is fast.
  - The system handles errors gracefully.
followUps:
  "2": When a user submits the login form, then the API responds within 300 ms at p95.
constraints:
  - Uses the existing sessions table.
risks:
  - Lockout abuse (FM-AUTH-001).
outOfScope: [CAPTCHA, MFA]
domains: [auth, web]
owner: alice
`;

/** Records every question asked, so tests can check the pushback path. */
function recording(inner: Interviewer): { interviewer: Interviewer; asked: Question[] } {
  const asked: Question[] = [];
  return {
    asked,
    interviewer: {
      ask(question) {
        asked.push(question);
        return inner.ask(question);
      },
    },
  };
}

describe("runInterview with an answers file", () => {
  it("uses the follow-up answer for a vague criterion and marks an unanswered one", async () => {
    const answers = readAnswersFile(answersYaml, "answers.yaml");
    const { interviewer, asked } = recording(createAnswersInterviewer(answers, "answers.yaml"));
    const draft = await runInterview(interviewer);

    expect(draft.criteria).toEqual([
      "Given a user, when they submit a wrong password 5 times, then the API responds 429.",
      "When a user submits the login form, then the API responds within 300 ms at p95.",
      "The system handles errors gracefully.",
    ]);
    const followUps = asked.filter((question) => question.id.endsWith("-follow-up"));
    expect(followUps.map((question) => question.id)).toEqual([
      "criterion-2-follow-up",
      "criterion-3-follow-up",
    ]);
    expect(followUps[0]?.message).toContain('"fast" → how fast, measured how?');
    expect(draft.clarifications).toEqual([
      expect.stringContaining('AC-3 says "gracefully"'),
      "AC-3: what observable result shows it is met?",
    ]);
    expect(draft).toMatchObject({
      title: "Login throttling",
      audience: "Account holders",
      constraints: ["Uses the existing sessions table."],
      risks: ["Lockout abuse (FM-AUTH-001)."],
      outOfScope: "- CAPTCHA\n- MFA",
      domains: ["auth", "web"],
      owner: "alice",
      failureModels: ["FM-AUTH-001"],
    });
  });

  it("writes a draft whose marker lint blocks from approval", async () => {
    const answers = readAnswersFile(answersYaml, "answers.yaml");
    const draft = await runInterview(createAnswersInterviewer(answers, "answers.yaml"));
    const text = renderSpec({ ...draft, id: "SPEC-0001", status: "draft" });
    expect(text).toContain("[NEEDS CLARIFICATION: AC-3 says");
    const { spec } = parseSpec(text, "specs/SPEC-0001-login-throttling.md");
    expect(spec?.status).toBe("draft");
    const asApproved = spec ? lintSpec({ ...spec, status: "approved" }) : [];
    expect(asApproved.map((problem) => problem.code)).toContain("JIG-S012");
  });

  it("skips the title question when a title is given and defaults the owner", async () => {
    const answers = readAnswersFile(
      "problem: p\naudience: a\ncriteria: [When x, then the API returns 200.]\noutOfScope: none\ndomains: core\n",
      "a.yaml",
    );
    const { interviewer, asked } = recording(createAnswersInterviewer(answers, "a.yaml"));
    const draft = await runInterview(interviewer, { title: "From flag", owner: "git-user" });
    expect(asked.some((question) => question.id === "title")).toBe(false);
    expect(draft).toMatchObject({ title: "From flag", owner: "git-user", domains: ["core"] });
    expect(draft.constraints).toEqual([]);
  });

  it("fails naming the question id and the file when an answer is missing", async () => {
    const answers = readAnswersFile("title: T\nproblem: p\n", "ci/answers.yaml");
    const error = await runInterview(createAnswersInterviewer(answers, "ci/answers.yaml")).then(
      () => undefined,
      (caught: unknown) => caught as JigError,
    );
    expect(error).toMatchObject({ name: "UsageError", exitCode: 2 });
    expect(error?.message).toContain('ci/answers.yaml has no answer for question "audience"');
  });

  it("accepts raw answers by question id, which win over named fields", async () => {
    const answers = readAnswersFile(
      [
        "title: T",
        "problem: p",
        "audience: a",
        "criteria: [It is quick.]",
        "answers:",
        '  criterion-1-follow-up: "When x, then the API returns 200 within 50 ms."',
        "  domains: billing",
        "  owner: carol",
        "  out-of-scope: nothing",
      ].join("\n"),
      "a.yaml",
    );
    const draft = await runInterview(createAnswersInterviewer(answers, "a.yaml"));
    expect(draft.criteria).toEqual(["When x, then the API returns 200 within 50 ms."]);
    expect(draft.clarifications).toEqual([]);
    expect(draft).toMatchObject({ domains: ["billing"], owner: "carol" });
  });
});

describe("createAnswersInterviewer", () => {
  it("coerces yes/no and validates choices", async () => {
    const interviewer = createAnswersInterviewer(
      { answers: { ready: "yes", colour: "red", shade: "mauve" } },
      "a.yaml",
    );
    expect(await interviewer.ask({ id: "ready", kind: "yes-no", message: "Ready?" })).toBe(true);
    const choices = [
      { value: "red", label: "Red" },
      { value: "blue", label: "Blue" },
    ];
    expect(await interviewer.ask({ id: "colour", kind: "choice", message: "?", choices })).toBe(
      "red",
    );
    await expect(
      interviewer.ask({ id: "shade", kind: "choice", message: "?", choices }),
    ).rejects.toThrow(/must be one of red, blue/);
    expect(
      await interviewer.ask({ id: "go", kind: "confirm", message: "Go?", initial: true }),
    ).toBe(true);
  });
});

describe("parseAnswersFile", () => {
  it("reports every problem with file:line:col", () => {
    const { answers, problems } = parseAnswersFile(
      "title: 5\ncriteria: nope\nbogus: 1\n",
      "a.yaml",
    );
    expect(answers).toBeUndefined();
    expect(problems.map((problem) => [problem.line, problem.column, problem.code])).toEqual([
      [1, 8, "answers/wrong-type"],
      [2, 11, "answers/wrong-type"],
      [3, 1, "answers/unknown-key"],
    ]);
  });

  it("throws a ValidationError (exit 2) from readAnswersFile", () => {
    let caught: ValidationError | undefined;
    try {
      readAnswersFile("title: [oops\n", "a.yaml");
    } catch (error) {
      caught = error as ValidationError;
    }
    expect(caught?.name).toBe("ValidationError");
    expect(caught?.exitCode).toBe(2);
    expect(caught?.problems[0]).toMatchObject({ path: "a.yaml", code: "yaml/syntax" });
  });
});
