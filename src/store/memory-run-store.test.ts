import { createMemoryRunData, createMemoryRunStore } from "./memory-run-store.js";
import { describeRunStoreConformance } from "./run-store.conformance.js";

describeRunStoreConformance("memory", () => {
  const data = createMemoryRunData();
  return {
    open: (options) => createMemoryRunStore({ ...options, data }),
    cleanup: () => {},
  };
});
