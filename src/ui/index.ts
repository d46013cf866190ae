/**
 * `jig ui`: the local dashboard. A Hono app over the run store (pages and a
 * JSON API from one query module), started by `startUiServer`.
 */
export { createUiApp, type Excerpt, type UiDeps } from "./create-ui-app.js";
export type { AutonomyView } from "./render-autonomy.js";
export { type RunningUi, type StartUiOptions, startUiServer } from "./start-ui-server.js";
export { isLoopback } from "./ui-security.js";
