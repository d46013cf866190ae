/**
 * Git hooks that run the gate: the pre-push hook's script and its install
 * (chaining a hook that was there), and the planning of which pushed ranges
 * `jig hooks pre-push` checks, from git's ref lines on stdin.
 */
export { installPrePushHook, type PrePushInstall } from "./install-pre-push-hook.js";
export {
  type PushedRef,
  type PushPlan,
  parsePushedRefs,
  planPushChecks,
} from "./plan-push-checks.js";
export {
  HOOK_MARKER,
  HUSKY_SNIPPET,
  LEFTHOOK_SNIPPET,
  renderPrePushHook,
} from "./render-pre-push-hook.js";
export { resolvePushBase } from "./resolve-push-base.js";
