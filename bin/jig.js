#!/usr/bin/env node
// Thin launcher for the bundled CLI (dist/bundle, built by tsdown from
// src/cli/main.ts). Commands are separate chunks imported only when they run,
// so `jig --version` pays only for this file, main and the registry.
import { main } from "../dist/bundle/cli/main.mjs";

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
