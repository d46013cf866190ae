import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createAnswersInterviewer, type Interviewer, type Question } from "./interviewer.js";
import { createTtyInterviewer } from "./tty-interviewer.js";

/**
 * One question per kind, with how each implementation is told the answer:
 * a value in an answers file, or keystrokes at a terminal.
 */
interface Case {
  question: Question;
  fileAnswer: string | boolean;
  keystrokes: string[];
  expected: string | boolean;
}

const choices = [
  { value: "unit", label: "Unit test" },
  { value: "eval", label: "Eval scenario" },
];
const cases: Case[] = [
  {
    question: { id: "title", kind: "freeform", message: "Title?" },
    fileAnswer: "Login",
    keystrokes: ["Login", "\r"],
    expected: "Login",
  },
  {
    question: { id: "more", kind: "yes-no", message: "Another?", initial: true },
    fileAnswer: false,
    keystrokes: ["n", "\r"],
    expected: false,
  },
  {
    question: { id: "write", kind: "confirm", message: "Write it?", initial: true },
    fileAnswer: true,
    keystrokes: ["\r"],
    expected: true,
  },
  {
    question: { id: "how", kind: "choice", message: "Covered by?", choices },
    fileAnswer: "eval",
    keystrokes: ["\x1b[B", "\r"],
    expected: "eval",
  },
];

/** A terminal that types the next keystroke each time the prompt redraws. */
function scriptedTerminal(keystrokes: string[]): Interviewer {
  const input = new PassThrough();
  const queue = [...keystrokes];
  const output = new Writable({
    write(_chunk, _encoding, callback) {
      const next = queue.shift();
      if (next !== undefined) setTimeout(() => input.write(next), 20);
      callback();
    },
  });
  return createTtyInterviewer({ input, output });
}

const implementations: Array<{ name: string; make(one: Case): Interviewer }> = [
  {
    name: "answers file",
    make: (one) =>
      createAnswersInterviewer({ answers: { [one.question.id]: one.fileAnswer } }, "answers.yaml"),
  },
  { name: "terminal (clack)", make: (one) => scriptedTerminal(one.keystrokes) },
];

describe.each(implementations)("Interviewer conformance: $name", ({ make }) => {
  it.each(cases.map((one) => [one.question.kind, one] as const))(
    "answers a %s question with the right type",
    async (_kind, one) => {
      expect(await make(one).ask(one.question)).toEqual(one.expected);
    },
  );
});

describe("terminal interviewer", () => {
  it("turns Ctrl-C into a UsageError 'interview cancelled'", async () => {
    const interviewer = scriptedTerminal(["\x03"]);
    await expect(
      interviewer.ask({ id: "title", kind: "freeform", message: "Title?" }),
    ).rejects.toMatchObject({ name: "UsageError", message: "interview cancelled" });
  });
});
