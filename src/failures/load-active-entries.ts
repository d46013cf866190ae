import type { JigConfig } from "../config/index.js";
import { ValidationError } from "../core/index.js";
import type { CatalogEntry } from "./failure-model.js";
import { loadCatalog } from "./load-catalog.js";

/**
 * The active catalog (shipped and project entries, minus disabled ones),
 * sorted by id, for `jig failures list` and `show`.
 *
 * @throws ValidationError with every catalog error, when there is any.
 */
export async function loadActiveEntries(options: {
  repoRoot: string;
  config: JigConfig;
  cwd: string;
}): Promise<CatalogEntry[]> {
  const catalog = await loadCatalog(options);
  const errors = catalog.problems.filter((problem) => problem.severity !== "warning");
  if (errors.length > 0) throw new ValidationError(errors);
  return catalog.entries.sort((left, right) =>
    left.id < right.id ? -1 : left.id > right.id ? 1 : 0,
  );
}
