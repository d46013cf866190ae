import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { nextSpecId, renderSpec, type SpecDraft, slugify } from "./render-spec.js";
import { listSpecFiles, loadSpecs } from "./spec-files.js";

/**
 * Write an interviewed draft as the next spec: `SPEC-NNNN-<slug>.md` in the
 * specs folder, status draft. The id is one above every id in use, whether
 * a spec declares it or only a file name carries it (an unparsable spec
 * still owns its number). Never overwrites: a file that appeared meanwhile
 * makes the write fail instead.
 */
export async function writeNewSpec(
  repoRoot: string,
  specsDir: string,
  draft: SpecDraft,
): Promise<{ id: string; absPath: string }> {
  const { specs } = await loadSpecs(repoRoot, specsDir);
  const fileIds = (await listSpecFiles(repoRoot, specsDir)).map(
    (file) => /SPEC-\d+/i.exec(basename(file))?.[0] ?? "",
  );
  const id = nextSpecId([...specs.map((spec) => spec.id), ...fileIds]);
  const dir = resolve(repoRoot, specsDir);
  const absPath = join(dir, `${id}-${slugify(draft.title)}.md`);
  await mkdir(dir, { recursive: true });
  await writeFile(absPath, renderSpec({ ...draft, id, status: "draft" }), { flag: "wx" });
  return { id, absPath };
}
