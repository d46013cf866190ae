import { describe, expect, it } from "vitest";
import { catalogEntry } from "./__fixtures__/catalog-entry.js";
import { changeOf } from "./__fixtures__/change-of.js";
import { compileCatalog } from "./compile-catalog.js";
import { runDetectors } from "./run-detectors.js";

const EDIT = `diff --git a/app/keys.py b/app/keys.py
--- a/app/keys.py
+++ b/app/keys.py
@@ -1,2 +1,3 @@
 with open(path, "w") as f:
     f.write(key)
+os.chmod(path, 0o600)
`;

// An entry without `detect` is for the AI reviewer only. With no key, "all
// keys hold in the file" would be vacuously true: it must never fire.
describe("reviewer-only entries", () => {
  it("never fire in a check, even on a file their appliesTo matches, while detector entries still do", async () => {
    const { detect: _none, ...reviewerOnly } = catalogEntry("FM-REVIEW-001", {}, ["**/*.py"]);
    const withDetector = catalogEntry("FM-X-001", { added: "os\\.chmod\\(" }, ["**/*.py"]);
    const { detectors, problems } = compileCatalog([reviewerOnly, withDetector]);
    expect(problems).toEqual([]);
    const run = await runDetectors(changeOf(EDIT), detectors);
    expect(run.findings.map((finding) => finding.ruleId)).toEqual(["FM-X-001"]);
  });
});
