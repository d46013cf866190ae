import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse-config.js";
import { configuredAgentsDir } from "./configured-agents-dir.js";

const SIMPLE: Array<[string | undefined, string]> = [
  [undefined, "agents"],
  ["", "agents"],
  ["specs:\n  dir: specs\n", "agents"],
  ["agents:\n  dir: policy\n", "policy"],
  ["agents:\n  requireSpec: false\n  dir: 'team/agents' # moved\n", "team/agents"],
  ['# top\nagents:\n\n    dir: "x.y"\n    approvalTtlMinutes: 5\nspecs:\n  dir: s\n', "x.y"],
  ["agents:\n  requireSpec: true\n", "agents"],
  ['specs:\n  exempt: ["specs/**", docs/**]\nagents:\n  dir: a\n', "a"],
];

/** Configs the quick reader must decline (the caller then parses for real). */
const DECLINED = [
  "agents: {dir: elsewhere}\n",
  "agents: &a\n  dir: x\n",
  "agents:\n  dir: x\nagents:\n  dir: y\n",
  '"agents":\n  dir: x\n',
  "? agents\n: {dir: x}\n",
  "---\nagents:\n  dir: x\n",
  "agents:\n\tdir: x\n",
  "agents:\n  dir: x\n    y\n",
  "agents:\n  dir: *alias\n",
  "agents:\n  dir: |\n    x\n",
  "agents:\n  dir: 123\n",
  "agents:\n  dir: null\n",
  "agents:\n  dir:\n",
  "agents:\n  <<: *base\n",
  'agents:\n  dir: "a b"\n',
];

describe("configuredAgentsDir", () => {
  it.each(SIMPLE)("reads %j as the parser does", (text, dir) => {
    expect(configuredAgentsDir(text)).toBe(dir);
    if (text !== undefined)
      expect(parseConfig(text, "jig.config.yaml").config?.agents.dir).toBe(dir);
  });

  it.each(DECLINED)("declines %j", (text) => {
    expect(configuredAgentsDir(text)).toBeUndefined();
  });
});
