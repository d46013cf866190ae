/**
 * The Cedar schema every compiled manifest is validated against. Entities:
 * agents act (principal) on paths, commands, hosts, tools and other agents
 * (resource). Sets (`FileSet`, `CommandSet`, `HostSet`) are how globs and
 * argv prefixes reach Cedar: the engine computes a resource's memberships
 * from the manifests, and policies say `resource in FileSet::"coder/write"`.
 *
 * `context.input` (tool arguments, used by `authority` rules) is free-form
 * and therefore not declared; policies reading it are parse-checked only.
 * So is `context.failClosed`, the ids of the authority rules whose named
 * input fields a call leaves missing or mistyped (see compileCondition).
 */
export const CEDAR_SCHEMA = {
  "": {
    entityTypes: {
      Agent: {},
      Tool: {},
      FileSet: {},
      Path: { memberOfTypes: ["FileSet"] },
      CommandSet: {},
      Command: { memberOfTypes: ["CommandSet"] },
      HostSet: {},
      Host: { memberOfTypes: ["HostSet"] },
    },
    actions: {
      read: applies(["Path"]),
      write: applies(["Path"]),
      exec: applies(["Command"]),
      fetch: applies(["Host"]),
      call: applies(["Tool"]),
      send: applies(["Agent"]),
    },
  },
};

function applies(resourceTypes: string[]) {
  return {
    appliesTo: {
      principalTypes: ["Agent"],
      resourceTypes,
      context: {
        type: "Record",
        attributes: {
          tool: { type: "String" },
          toolLower: { type: "String" },
          approved: { type: "Boolean" },
          specApproved: { type: "Boolean" },
          deleteCount: { type: "Long" },
          messageType: { type: "String" },
          wrapper: { type: "String" },
        },
      },
    },
  };
}

/** The Cedar actions, one per kind of access a tool call makes. */
export const CEDAR_ACTIONS = ["read", "write", "exec", "fetch", "call", "send"] as const;
export type CedarAction = (typeof CEDAR_ACTIONS)[number];
