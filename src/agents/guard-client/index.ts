/**
 * The Claude Code hook's client of the warm guard daemon, and the protocol
 * both sides speak. Loaded before commander on every hook call, so this
 * folder imports only Node built-ins and a few small files; the daemon
 * itself is in `../guard-daemon/`.
 */
export {
  type AskGuardDaemonOptions,
  askGuardDaemon,
  type GuardDaemonAnswer,
  spawnGuardDaemon,
} from "./ask-guard-daemon.js";
export {
  ANSWER_TIMEOUT_MS,
  buildStamp,
  type DaemonRequest,
  type DaemonResponse,
  type Exchange,
  exchange,
  GUARD_LOG,
  GUARD_PID,
  GUARD_SOCKET,
  GUARD_SPAWN_MARK,
  guardSocketPath,
  isTrustedSocket,
  MAX_SOCKET_PATH,
  validHookOutput,
} from "./daemon-protocol.js";
