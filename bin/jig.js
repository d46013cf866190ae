#!/usr/bin/env node
// Thin launcher: everything else is lazy-loaded by dist/cli/main.js so that
// `jig --version` pays only for this file and the registry.
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
