import { describeRunStoreConformance } from "../testing/describe-run-store-conformance.js";
import { createMemoryRunData, createMemoryRunStore } from "./memory-run-store.js";

describeRunStoreConformance("memory", () => {
  const data = createMemoryRunData();
  return {
    open: (options) => createMemoryRunStore({ ...options, data }),
    cleanup: () => {},
  };
});
