import { describe, expect, it } from "vitest";
import {
  checkCriterion,
  findVagueWords,
  hasObservableOutcome,
  outcomeVerdict,
} from "./criterion-checks.js";

describe("hasObservableOutcome", () => {
  it.each([
    "Given a user, when they submit a wrong password 5 times, then the API responds 429.",
    "When a user signs up, the system shall send a confirmation email.",
    "When the form is saved, then the page shows 'Saved'.",
    "When the export runs, then the CSV contains one row per order.",
    "When the CLI gets an unknown flag, then it exits with code 2.",
    'When the user clicks save, then the toast reads "Saved".',
    "When a report is requested, then it is ready within 2 s.",
    "Users can see the dashboard.",
  ])("accepts %s", (text) => {
    expect(hasObservableOutcome(text)).toBe(true);
  });

  it.each([
    "The login page is user-friendly.",
    "When a user clicks save, then it works.",
    // The condition mentions a result, but the Then clause observes nothing.
    "When the API returns 500, then the user is happy.",
  ])("rejects %s", (text) => {
    expect(hasObservableOutcome(text)).toBe(false);
  });
});

describe("outcomeVerdict", () => {
  // The false positives reported in issue #14, and every form of value it lists.
  it.each([
    "Given a refund, when it is processed, then the fee is 0 cents.",
    "Given a refund, when it is processed, then the fee is 499 cents.",
    "When the same refund is posted twice, then exactly one refund exists and both responses carry the same refund id.",
    "When the code is applied, then the discount is 10.00.",
    "When the import runs, then the batch size is 1e3.",
    "When the limit is read, then the quota is 50_000.",
    "When the invoice is totalled, then the total is 1,000.",
    "When the coupon applies, then the price drops by 15%.",
    "When the order is placed, then the order total should be £22.25.",
    "When the cart is emptied, then the total of my shopping cart is € 0.00.",
    "When the queue drains, then zero jobs remain.",
    "When the retry policy applies, then the request is sent twice.",
    "When the page loads, then at most one banner is visible.",
    "When the batch closes, then it holds <= 500 rows.",
    "When the job finishes, then the run is marked `done`.",
    "When the flag is off, then the header is 'disabled'.",
    "When the account is closed, then the account is inactive.",
    "When the user logs out, then the session becomes invalid.",
    "When a payment is captured, then the order equals the cart.",
    "When the user signs up, then the welcome mail has the subject line with their name.",
    "When the report runs, then the worker shall write reports/daily.csv.",
  ])("observable: %s", (text) => {
    expect(outcomeVerdict(text)).toBe("observable");
  });

  it.each([
    "When a user clicks save, then it works.",
    "It should be good.",
    "When the API returns 500, then the user is happy.",
    "Then everything works as expected.",
    "The system handles errors gracefully.",
    "When the form is sent, then",
    "All data is accurate.",
  ])("missing (an error): %s", (text) => {
    expect(outcomeVerdict(text)).toBe("missing");
  });

  it.each([
    "When the nightly job runs, then the worker shall archive old invoices.",
    "When a reviewer opens the spec, then the reviewer can approve the change.",
  ])("uncertain (a warning): %s", (text) => {
    expect(outcomeVerdict(text)).toBe("uncertain");
  });

  it("reads the outcome after the subject's own modal, so a name in the subject is no value", () => {
    expect(outcomeVerdict("WHEN the build ends, THEN the Kiro_Worker SHALL behave well")).toBe(
      "missing",
    );
    expect(outcomeVerdict("WHEN the build ends, THEN the Kiro_Worker SHALL push the branch")).toBe(
      "observable",
    );
  });

  it("does not take a clarification marker for an outcome", () => {
    expect(
      outcomeVerdict("When a user clicks a photo, then [NEEDS CLARIFICATION: display what?]"),
    ).toBe("missing");
  });

  it("counts only values after a verb that promises handling or support", () => {
    expect(outcomeVerdict("The system must handle attempts to create duplicate albums.")).toBe(
      "missing",
    );
    expect(outcomeVerdict("The system must support CSV export.")).toBe("uncertain");
    expect(outcomeVerdict("The system must handle 500 concurrent uploads.")).toBe("observable");
  });

  it("does not read a digit inside a name as a number", () => {
    expect(outcomeVerdict("When the page loads, then the h3 heading looks nice.")).toBe("missing");
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
      outcome: "missing",
      vagueWords: [{ word: "robust" }],
    });
  });

  it("lets an uncertain outcome through the interview, as lint only warns about it", () => {
    expect(
      checkCriterion("When the job runs, then the worker shall archive old invoices."),
    ).toEqual({ observable: true, outcome: "uncertain", vagueWords: [] });
  });
});
