export * from "./config-schema.js";
export * from "./detect-test-command.js";
export * from "./init-project.js";
export * from "./load-config.js";
export * from "./parse-config.js";
export * from "./render-config-template.js";
