export * from "./add-waiver.js";
export * from "./apply-waivers.js";
export * from "./parse-waivers.js";
export * from "./waiver-schema.js";
export * from "./waivers-file.js";
