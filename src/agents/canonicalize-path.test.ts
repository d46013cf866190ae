import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { canonicalizePath } from "./canonicalize-path.js";

// "café" spelled two ways: NFD is 'e' plus a combining acute accent.
const NFD = "cafe\u0301";
const NFC = "caf\u00e9";

const root = realpathSync(mkdtempSync(join(tmpdir(), "jig-canonicalize-path-")));
const repoRoot = join(root, "repo");
const base = { repoRoot, cwd: repoRoot, home: join(root, "home") };
mkdirSync(join(repoRoot, ".git", "hooks"), { recursive: true });
mkdirSync(join(repoRoot, "src", "real"), { recursive: true });
writeFileSync(join(repoRoot, ".git", "config"), "[core]\n");
// The row 2: an NFD-named link planted where the agent may write.
symlinkSync("../.git/hooks", join(repoRoot, "src", NFD));
// An NFC-named link, and a plain NFD-named folder with nothing to hide.
mkdirSync(join(repoRoot, "src", "nfc"), { recursive: true });
symlinkSync("../../.git/hooks", join(repoRoot, "src", "nfc", NFC));
mkdirSync(join(repoRoot, "src", "plain", NFD), { recursive: true });
symlinkSync("real", join(repoRoot, "src", "inside-link"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("canonicalizePath", () => {
  it("refuses a path whose raw bytes and NFC spelling resolve to different places", () => {
    for (const raw of [
      `src/${NFD}/pre-commit`,
      `${repoRoot}/src/${NFD}/pre-commit`,
      `./src/${NFD}`,
      // mixed: the NFC-named link asked for in NFD, and the NFD link after an NFC folder
      `src/nfc/${NFD}/pre-commit`,
      `src/nfc/../${NFD}/x`,
    ]) {
      const result = canonicalizePath(raw, base);
      expect(result, raw).toMatchObject({ ok: false, code: "path/unicode-ambiguous" });
    }
  });

  it("reports the place the kernel reaches, in NFC, when both spellings agree", () => {
    // Raw NFC bytes name the NFC link itself, which the walk follows into .git.
    expect(canonicalizePath(`src/nfc/${NFC}/pre-commit`, base)).toEqual({
      ok: true,
      inside: true,
      path: ".git/hooks/pre-commit",
    });
    // A plain NFD folder (no link): both spellings land in src/plain, reported in NFC.
    expect(canonicalizePath(`src/plain/${NFD}/x.js`, base)).toEqual({
      ok: true,
      inside: true,
      path: `src/plain/${NFC}/x.js`,
    });
    expect(canonicalizePath(`src/plain/${NFC}/x.js`, base)).toEqual({
      ok: true,
      inside: true,
      path: `src/plain/${NFC}/x.js`,
    });
  });

  it("refuses '..' after a link when Node's and the kernel's readings differ", () => {
    // Node resolves src/<link>/../config to src/config; the kernel to .git/config.
    expect(canonicalizePath(`src/${NFD}/../config`, base)).toMatchObject({ ok: false });
    expect(canonicalizePath(`src/nfc/${NFC}/../config`, base)).toMatchObject({
      ok: false,
      code: "path/dotdot-after-link",
    });
    // Both readings on request, as the Bash protection asks for them.
    expect(canonicalizePath(`src/nfc/${NFC}/../config`, base, { lexical: false })).toMatchObject({
      ok: true,
      path: ".git/config",
    });
    expect(canonicalizePath(`src/nfc/${NFC}/../config`, base, { lexical: true })).toMatchObject({
      ok: true,
      path: "src/nfc/config",
    });
    // '..' where both readings agree stays allowed: a link inside src, a plain folder.
    expect(canonicalizePath("src/inside-link/../refunds.js", base)).toMatchObject({
      ok: true,
      path: "src/refunds.js",
    });
    expect(canonicalizePath("src/real/../refunds.js", base)).toMatchObject({
      ok: true,
      path: "src/refunds.js",
    });
  });

  it("refuses a link whose target is not valid UTF-8, which Node cannot walk faithfully", () => {
    // Target bytes "x\xff/y": \xff alone is no UTF-8 character.
    symlinkSync(Buffer.from([0x78, 0xff, 0x2f, 0x79]), join(repoRoot, "src", "bad-target"));
    expect(canonicalizePath("src/bad-target/z", base)).toMatchObject({
      ok: false,
      code: "path/unresolvable",
    });
  });
});
