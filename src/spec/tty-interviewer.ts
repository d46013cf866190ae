import type { Readable, Writable } from "node:stream";
import { UsageError } from "../core/errors.js";
import type { Answer, Interviewer, Question } from "./interviewer.js";

/**
 * An interviewer that asks a person at a terminal with @clack/prompts. Clack
 * is imported on the first question, so commands that never interview do not
 * pay for loading it.
 */
export function createTtyInterviewer(
  streams: { input?: Readable; output?: Writable } = {},
): Interviewer {
  const io = {
    ...(streams.input ? { input: streams.input } : {}),
    ...(streams.output ? { output: streams.output } : {}),
  };
  return {
    async ask(question: Question): Promise<Answer> {
      const clack = await import("@clack/prompts");
      let result: unknown;
      switch (question.kind) {
        case "freeform": {
          const initial = typeof question.initial === "string" ? question.initial : undefined;
          result = await clack.text({
            ...io,
            message: question.message,
            ...(question.placeholder ? { placeholder: question.placeholder } : {}),
            ...(initial !== undefined ? { initialValue: initial } : {}),
            validate: (value) =>
              question.optional || (value ?? "").trim() !== "" ? undefined : "An answer is needed",
          });
          break;
        }
        case "yes-no":
        case "confirm":
          result = await clack.confirm({
            ...io,
            message: question.message,
            initialValue: typeof question.initial === "boolean" ? question.initial : true,
          });
          break;
        case "choice": {
          const initial = typeof question.initial === "string" ? question.initial : undefined;
          result = await clack.select<string>({
            ...io,
            message: question.message,
            options: (question.choices ?? []).map((choice) => ({
              value: choice.value,
              label: choice.label,
              ...(choice.hint ? { hint: choice.hint } : {}),
            })),
            ...(initial !== undefined ? { initialValue: initial } : {}),
          });
          break;
        }
      }
      if (clack.isCancel(result)) {
        clack.cancel("Interview cancelled; nothing was written.", io);
        throw new UsageError("interview cancelled", { code: "spec/interview-cancelled" });
      }
      if (typeof result === "boolean") return result;
      return typeof result === "string" ? result : "";
    },
  };
}
