import { defineConfig } from "tsdown";

// The CLI is bundled so a command loads a few large files instead of hundreds of
// small ones (module resolution dominated start-up). Native and wasm packages stay
// external; each command stays a lazily imported chunk.
export default defineConfig({
  entry: { "cli/main": "src/cli/main.ts" },
  outDir: "dist/bundle",
  format: "esm",
  platform: "node",
  target: "node20",
  dts: false,
  clean: true,
  treeshake: true,
  outputOptions: {
    codeSplitting: {
      // The Claude Code hook's fast path (agents/guard-client) runs on every
      // tool call: the few tiny jig files it shares with other commands ride
      // in the chunk main.mjs loads anyway, not in files of their own.
      groups: [
        {
          name: "startup",
          test: /src[\\/](core[\\/](package-root|read-stream-text)|git[\\/]find-work-tree-root)\.ts$/,
        },
      ],
    },
  },
  deps: {
    alwaysBundle: ["zod", "yaml", "commander", "picomatch", "picocolors", "@clack/prompts", "ajv"],
    // Native, wasm and heavy lazily used packages load from node_modules as usual.
    neverBundle: [
      "better-sqlite3",
      "@ast-grep/napi",
      /^@ast-grep\/lang-/,
      /^@cedar-policy\//,
      "recheck",
      /^ai$/,
      /^@ai-sdk\//,
      /^@modelcontextprotocol\//,
    ],
  },
});
