/**
 * Folder-level cycle detection over a dependency-cruiser module graph.
 * dependency-cruiser finds module cycles, but two folders can depend on each other
 * without any module cycle (gate/layers/a.ts → review/, review/b.ts → gate/layer.ts),
 * and that is the loop the architecture forbids.
 */

/** The part of a dependency-cruiser module that the check reads. */
export interface CruisedModule {
  source: string;
  dependencies: ReadonlyArray<{ resolved: string }>;
}

/** Folders that reach each other, with the module imports that make each arrow. */
export interface FolderCycle {
  folders: string[];
  imports: string[];
}

/**
 * `src/gate/layers/x.ts` → `src/gate`; a file directly under `src/` is its own
 * node (`src/index.ts`); anything outside `src/` (packages, builtins) is ignored.
 */
export function folderOf(path: string): string | undefined {
  const match = /^src\/([^/]+)(\/)?/.exec(path);
  if (!match) return undefined;
  return match[2] ? `src/${match[1]}` : path;
}

/**
 * Every group of top-level folders under `src/` that import each other directly
 * or through other folders (the strongly connected components with more than one
 * folder), sorted. Modules for which `skip` returns true (tests, fixtures) are
 * left out on both ends, so a test importing across folders draws no arrow.
 */
export function findFolderCycles(
  modules: readonly CruisedModule[],
  skip: (path: string) => boolean = () => false,
): FolderCycle[] {
  const arrows = new Map<string, Map<string, string[]>>();
  for (const module of modules) {
    const from = folderOf(module.source);
    if (from === undefined || skip(module.source)) continue;
    for (const dependency of module.dependencies) {
      const to = folderOf(dependency.resolved);
      if (to === undefined || to === from || skip(dependency.resolved)) continue;
      const targets = arrows.get(from) ?? new Map<string, string[]>();
      arrows.set(from, targets);
      const imports = targets.get(to) ?? [];
      targets.set(to, imports);
      imports.push(`${module.source} → ${dependency.resolved}`);
    }
  }
  return stronglyConnected(arrows)
    .filter((component) => component.length > 1)
    .map((component) => {
      const members = new Set(component);
      const imports: string[] = [];
      for (const from of component) {
        for (const [to, through] of arrows.get(from) ?? []) {
          if (members.has(to)) imports.push(...through);
        }
      }
      return { folders: component.sort(), imports: imports.sort() };
    })
    .sort((left, right) => (left.folders[0]! < right.folders[0]! ? -1 : 1));
}

/** Tarjan's algorithm, iterative so a deep graph cannot overflow the stack. */
function stronglyConnected(arrows: Map<string, Map<string, string[]>>): string[][] {
  const nodes = new Set<string>(arrows.keys());
  for (const targets of arrows.values()) for (const to of targets.keys()) nodes.add(to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: Iterator<string> }> = [];
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (arrows.get(node) ?? new Map()).keys() });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const step = frame.next.next();
      if (!step.done) {
        const to = step.value;
        if (!index.has(to)) visit(to);
        else if (onStack.has(to))
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
