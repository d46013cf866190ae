/**
 * The warm guard daemon: one process per repository that keeps the compiled
 * policy and the store open and answers the Claude Code hook over a private
 * unix socket. The hook's side of the socket is `../guard-client/`.
 */
export {
  createGuardDaemonHandler,
  type GuardDaemonHandler,
} from "./create-guard-daemon-handler.js";
export { policyFingerprint } from "./policy-fingerprint.js";
export {
  type GuardDaemonOptions,
  type GuardDaemonStart,
  serveGuardDaemon,
  stopGuardDaemon,
} from "./serve-guard-daemon.js";
