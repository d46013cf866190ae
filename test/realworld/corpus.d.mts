// Types for corpus.mjs, a plain module so `npm run bench:realworld` runs it without a build.
export interface CorpusFile {
  path: string;
  before: string | null;
  after: string | null;
}
export interface CorpusCase {
  id: string;
  kind: "defect" | "clean";
  repository: string;
  project: string;
  commit: string;
  parent: string;
  advisory: string | null;
  class: string | null;
  language: "js" | "python" | "go";
  subject: string;
  note: string | null;
  omitted?: string[];
  files: CorpusFile[];
}
export interface BuiltCorpus {
  repo: string;
  ranges: { base: string; head: string }[];
  saveVerdicts(): Promise<void>;
  dispose(): Promise<void>;
}
export interface CaseVerdict {
  caught: boolean;
  rules: string[];
  otherRules: string[];
  layerErrors: string[];
  files: number;
}
export interface Group {
  cases: number;
  caught: number;
  rate: number | null;
}
export interface JigScore {
  defects: number;
  clean: number;
  caught: number;
  catchRate: number | null;
  noisy: number;
  noiseRate: number | null;
  perClass: Record<string, Group>;
  perLanguage: Record<string, Group>;
  noisePerLanguage: Record<string, Group>;
  rules: Record<string, { defect: number; clean: number }>;
  caughtCases: string[];
  noisyCases: string[];
  layerErrors: string[];
}
export const corpusDir: string;
export const figuresPath: string;
export function loadCases(dir?: string): Promise<CorpusCase[]>;
export function isTestPath(path: string): boolean;
export function buildCorpusRepo(cases: CorpusCase[]): Promise<BuiltCorpus>;
export function changedLines(
  repo: string,
  range: { base: string; head: string },
): Promise<Map<string, Set<number>>>;
export function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]>;
export function runJigOnCases(
  cases: CorpusCase[],
  built: BuiltCorpus,
  options?: { concurrency?: number; distDir?: string },
): Promise<CaseVerdict[]>;
export function spawnJig(
  cases: CorpusCase[],
  built: BuiltCorpus,
  options?: { concurrency?: number; bin?: string },
): Promise<CaseVerdict[]>;
export function scoreJig(cases: CorpusCase[], verdicts: CaseVerdict[]): JigScore;
export function describeCorpus(cases: CorpusCase[]): {
  defects: number;
  clean: number;
  projects: number;
  defectsPerClass: Record<string, number>;
  defectsPerLanguage: Record<string, number>;
  cleanPerLanguage: Record<string, number>;
  casesPerProject: Record<string, number>;
};
