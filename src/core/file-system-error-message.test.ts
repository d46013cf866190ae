import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileSystemErrorMessage } from "./file-system-error-message.js";
import { readTextFile } from "./read-text-file.js";

/** The shape Node gives a failed fs call, for codes root cannot cause (EACCES). */
function errnoError(code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, open '${path}'`), {
    code,
    errno: -13,
    syscall: "open",
    path,
  });
}

describe("fileSystemErrorMessage", () => {
  const dir = mkdtempSync(join(tmpdir(), "jig-fs-error-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says what an unreadable specs/ means and what to do, relative to the cwd", () => {
    expect(fileSystemErrorMessage(errnoError("EACCES", "/repo/specs"), "/repo")).toBe(
      "specs: permission denied; make it readable by this user (chmod, chown) or move it out of the way (EACCES)",
    );
  });

  it("names real EISDIR, ELOOP and ENOTDIR errors by their path", async () => {
    mkdirSync(join(dir, "catalog.yaml"));
    symlinkSync("loop.yaml", join(dir, "loop.yaml"));
    writeFileSync(join(dir, "specs"), "a file, not a directory\n");
    const caught = async (run: () => unknown): Promise<unknown> => {
      try {
        await run();
      } catch (error) {
        return error;
      }
      throw new Error("expected a failure");
    };
    expect(
      fileSystemErrorMessage(await caught(() => readTextFile(join(dir, "catalog.yaml"))), dir),
    ).toBe(
      "catalog.yaml: is a directory where a file was expected; replace it with a file or remove it (EISDIR)",
    );
    expect(
      fileSystemErrorMessage(await caught(() => readTextFile(join(dir, "loop.yaml"))), dir),
    ).toBe(
      "loop.yaml: is a symbolic link loop; point the link at a real file or directory, or remove it (ELOOP)",
    );
    expect(fileSystemErrorMessage(await caught(() => readdirSync(join(dir, "specs"))), dir)).toBe(
      "specs: is a file where a directory was expected (or a part of its path is); make it a directory or remove it (ENOTDIR)",
    );
  });

  it("leaves other errors to the internal-error path", () => {
    expect(fileSystemErrorMessage(errnoError("ENOSPC", "/repo/x"), "/repo")).toBeUndefined();
    expect(fileSystemErrorMessage(new Error("boom"), "/repo")).toBeUndefined();
    expect(fileSystemErrorMessage("EACCES", "/repo")).toBeUndefined();
  });

  it("shows a path outside the cwd in full", () => {
    expect(fileSystemErrorMessage(errnoError("EISDIR", "/elsewhere/a.yaml"), "/repo")).toMatch(
      /^\/elsewhere\/a\.yaml: is a directory/,
    );
  });
});
