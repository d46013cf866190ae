// Says whether dist/ was built from the sources as they are now, so `npm test`
// builds only when it must (`npm ci` has already built once in `prepare`).
//
// The stamp is a SHA-256 over the content of every build input, not an mtime:
// a checkout, a `git stash` or a copied tree moves mtimes without changing a
// byte, and an edit within the same second keeps them. The hash is taken
// before the build starts and recorded only once the build succeeded, so a
// failed build, or a source edited while it ran, leaves dist/ stale.
//
//   node scripts/build-stamp.mjs begin   # first step of `npm run build`
//   node scripts/build-stamp.mjs commit  # last step of `npm run build`
//   node scripts/build-stamp.mjs check   # exit 0 if dist/ is fresh, 1 if not
//   node scripts/build-stamp.mjs ensure  # build unless dist/ is fresh
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STAMP = join(ROOT, "dist", ".build-stamp");
const PENDING = join(ROOT, "dist", ".build-stamp.pending");

/** Files outside src/ that change what the build writes. */
const CONFIG_INPUTS = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
  "tsdown.config.ts",
  "scripts/build-stamp.mjs",
  "scripts/bundle.mjs",
];

/** What bin/jig.js and the package's `main` load; a stamp without them means nothing. */
const OUTPUTS = ["dist/index.js", "dist/bundle/cli/main.mjs"];

/**
 * Every file under src/ except tests. Fixtures and test support are hashed
 * too: they are not meant to reach dist/, but if a source ever imports one,
 * tsc and tsdown follow the import, and skipping a rebuild would then be wrong.
 */
function sourceFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (!entry.name.endsWith(".test.ts")) files.push(path);
  }
  return files;
}

/** The hash of every build input: path and content, in a fixed order. */
export function buildInputsHash(root = ROOT) {
  const paths = [
    ...CONFIG_INPUTS.map((path) => join(root, path)),
    ...sourceFiles(join(root, "src")),
  ].map((path) => relative(root, path).split(sep).join("/"));
  paths.sort();
  const hash = createHash("sha256");
  for (const path of paths) {
    const full = join(root, path);
    hash.update(`${path}\0`);
    hash.update(existsSync(full) ? readFileSync(full) : "(missing)");
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** True when dist/ holds a complete build of the current sources. */
export function isBuildFresh(root = ROOT) {
  const stamp = join(root, "dist", ".build-stamp");
  if (!existsSync(stamp)) return false;
  if (!OUTPUTS.every((path) => existsSync(join(root, path)))) return false;
  return readFileSync(stamp, "utf8").trim() === buildInputsHash(root);
}

/** Run `npm run build` unless dist/ is fresh; returns whether it built. */
export function ensureBuild(root = ROOT) {
  if (isBuildFresh(root)) return false;
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
  return true;
}

function main(command) {
  switch (command) {
    case "begin":
      rmSync(STAMP, { force: true });
      mkdirSync(join(ROOT, "dist"), { recursive: true });
      writeFileSync(PENDING, `${buildInputsHash()}\n`);
      return 0;
    case "commit":
      renameSync(PENDING, STAMP);
      return 0;
    case "check":
      return isBuildFresh() ? 0 : 1;
    case "ensure":
      if (!ensureBuild()) console.log("dist/ is up to date with the sources; not rebuilding.");
      return 0;
    default:
      console.error("usage: node scripts/build-stamp.mjs begin|commit|check|ensure");
      return 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv[2]);
}
