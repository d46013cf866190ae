import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../test-support/temp-repo.js";
import { renderHookOutput } from "../runtime/index.js";
import {
  exchange,
  guardSocketPath,
  isTrustedSocket,
  MAX_SOCKET_PATH,
  validHookOutput,
} from "./daemon-protocol.js";

describe("guard daemon protocol", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("accepts exactly the hook output the guard renders, and nothing else", () => {
    for (const decision of ["allow", "deny", "ask"] as const) {
      const output = renderHookOutput({ decision, reason: "r" });
      expect(validHookOutput(output)).toBe(output);
    }
    const allow = JSON.parse(renderHookOutput({ decision: "allow", reason: "r" }));
    const bad = [
      undefined,
      "",
      "allow",
      JSON.stringify({ ...allow, extra: 1 }),
      JSON.stringify({ hookSpecificOutput: { ...allow.hookSpecificOutput, x: 1 } }),
      JSON.stringify({
        hookSpecificOutput: { ...allow.hookSpecificOutput, permissionDecision: "Allow" },
      }),
      JSON.stringify({
        hookSpecificOutput: { ...allow.hookSpecificOutput, hookEventName: "Stop" },
      }),
      JSON.stringify({
        hookSpecificOutput: { ...allow.hookSpecificOutput, permissionDecisionReason: 1 },
      }),
    ];
    for (const text of bad) expect(validHookOutput(text), String(text)).toBeUndefined();
  });

  it("puts the socket in the repository, or in a per-user temp folder when that path is too long", () => {
    expect(guardSocketPath("/work/repo", "/tmp")).toBe("/work/repo/.jig/guard.sock");
    const deep = `/work/${"nested/".repeat(15)}repo`;
    const long = guardSocketPath(deep, "/tmp");
    expect(long).toMatch(/^\/tmp\/jig-[^/]+\/guard-[0-9a-f]{16}\.sock$/);
    expect(long.length).toBeLessThanOrEqual(MAX_SOCKET_PATH);
    expect(guardSocketPath(deep, "/tmp")).toBe(long);
    expect(guardSocketPath(`${deep}2`, "/tmp")).not.toBe(long);
  });

  it("trusts only this user's 0600 socket in a .jig nobody else may write", async () => {
    repo = createTempRepo("jig-hook-client-");
    const path = join(repo.dir, ".jig", "guard.sock");
    expect(isTrustedSocket(path)).toBe("missing");
    mkdirSync(join(repo.dir, ".jig"), { mode: 0o700 });
    writeFileSync(path, "not a socket");
    expect(isTrustedSocket(path)).toBe("untrusted");
    const { unlinkSync } = await import("node:fs");
    unlinkSync(path);
    const server = createServer((socket) => socket.resume().end('{"v":1,"error":"no"}\n'));
    await new Promise<void>((settle) => server.listen(path, settle));
    try {
      chmodSync(path, 0o600);
      expect(isTrustedSocket(path)).toBe("trusted");
      expect(await exchange(path, { v: 1, op: "ping" }, 1000)).toEqual({
        kind: "answer",
        response: { v: 1, error: "no" },
      });
      chmodSync(path, 0o660);
      expect(isTrustedSocket(path)).toBe("untrusted");
      chmodSync(path, 0o600);
      chmodSync(join(repo.dir, ".jig"), 0o777);
      expect(isTrustedSocket(path)).toBe("untrusted");
    } finally {
      await new Promise<void>((settle) => server.close(() => settle()));
    }
    expect(await exchange(path, { v: 1, op: "ping" }, 1000)).toEqual({ kind: "absent" });
  });
});
