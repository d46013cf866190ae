import { describe, expect, it } from "vitest";
import { checkCriterion, findVagueWords, hasObservableOutcome } from "./criterion-checks.js";

describe("hasObservableOutcome", () => {
  it.each([
    "Given a user, when they submit a wrong password 5 times, then the API responds 429.",
    "When a user signs up, the system shall send a confirmation email.",
    "When the form is saved, then the page shows 'Saved'.",
    "When the export runs, then the CSV contains one row per order.",
    "When the CLI gets an unknown flag, then it exits with code 2.",
    'When the user clicks save, then the toast reads "Saved".',
    "When a report is requested, then it is ready within 2 s.",
  ])("accepts %s", (text) => {
    expect(hasObservableOutcome(text)).toBe(true);
  });

  it.each([
    "The login page is user-friendly.",
    "When a user clicks save, then it works.",
    "Users can see the dashboard.",
    // The condition mentions a result, but the Then clause observes nothing.
    "When the API returns 500, then the user is happy.",
  ])("rejects %s", (text) => {
    expect(hasObservableOutcome(text)).toBe(false);
  });
});

describe("findVagueWords", () => {
  it("finds vague words with a follow-up question", () => {
    const found = findVagueWords("The search is fast and user-friendly.");
    expect(found.map((vague) => vague.word)).toEqual(["fast", "user-friendly"]);
    expect(found[0]?.followUp).toContain("how fast, measured how?");
  });

  it("accepts a vague word quantified by a number with a unit nearby", () => {
    expect(findVagueWords("Search is fast: p95 under 200 ms over 1,000 queries.")).toEqual([]);
    expect(findVagueWords("It scales to 500 concurrent users.")).toEqual([]);
  });

  it("does not count a bare number as a quantity", () => {
    expect(findVagueWords("Then the API responds 200 quickly.").map((vague) => vague.word)).toEqual(
      ["quickly"],
    );
  });

  it("matches whole words only", () => {
    expect(findVagueWords("Then the breakfast menu is listed.")).toEqual([]);
    expect(findVagueWords("Then the response sets a thread-safe flag.")).toEqual([]);
  });

  it("catches multi-word phrases", () => {
    expect(findVagueWords("Retries as needed.").map((vague) => vague.word)).toEqual(["as needed"]);
  });
});

describe("checkCriterion", () => {
  it("combines both checks", () => {
    expect(checkCriterion("It is robust.")).toMatchObject({
      observable: false,
      vagueWords: [{ word: "robust" }],
    });
  });
});
