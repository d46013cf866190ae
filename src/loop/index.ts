/**
 * `jig loop`: the gate → prompt → coder → gate cycle, the rules for when it
 * hands over to a human, and the prompt the coding agent gets. The check
 * pipeline it drives is passed in (`LoopCheck`), so the loop imports no
 * command and no pipeline shell.
 */
export {
  type Escalation,
  type EscalationReason,
  escalationReason,
  findingsFingerprint,
  type LoopRound,
  stopReason,
} from "./escalation-reason.js";
export { describeEscalation, renderEscalationMarkdown } from "./render-escalation-markdown.js";
export {
  type CitedFailureModel,
  type LoopPromptInput,
  renderLoopPrompt,
} from "./render-loop-prompt.js";
export {
  type LoopCheck,
  type LoopCheckOptions,
  type LoopEvent,
  type LoopResult,
  type RunLoopOptions,
  runLoop,
} from "./run-loop.js";
