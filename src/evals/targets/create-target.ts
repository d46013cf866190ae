import type { EvalSuite } from "../parse-suite.js";
import type { ChatClient, CompletionCache } from "./chat-client.js";
import { createCommandTarget } from "./command-target.js";
import type { HttpAgents } from "./http-request.js";
import { createHttpTarget } from "./http-target.js";
import { createModelTarget } from "./model-target.js";
import { createModuleTarget } from "./module-target.js";
import type { Target } from "./target.js";

/** What every target may need from the process, passed in by the CLI or the gate. */
export interface TargetEnvironment {
  /** Repo root: commands run and modules resolve here. */
  root: string;
  env: Readonly<Record<string, string | undefined>>;
  agents: HttpAgents;
  chat: ChatClient;
  cache?: CompletionCache | undefined;
}

/** Build the target a suite describes. */
export function createTarget(suite: EvalSuite, environment: TargetEnvironment): Target {
  const { target } = suite;
  if (target.command !== undefined) {
    return createCommandTarget({
      command: target.command,
      root: environment.root,
      cwd: target.cwd,
      env: environment.env,
    });
  }
  if (target.http !== undefined) {
    return createHttpTarget({
      ...target.http,
      retries: target.retries,
      agents: environment.agents,
    });
  }
  if (target.model !== undefined) {
    return createModelTarget({
      model: target.model,
      prompt: target.prompt ?? "{{input}}",
      system: target.system,
      temperature: target.temperature,
      maxTokens: target.maxTokens,
      retries: target.retries,
      client: environment.chat,
      cache: environment.cache,
    });
  }
  return createModuleTarget({ specifier: target.module ?? "", root: environment.root });
}
