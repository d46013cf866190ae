import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomicSync } from "../core/write-file-atomic.js";
import { CassetteMissError } from "./model-errors.js";

/** What a cache or cassette keeps of one answered call. */
export interface StoredAnswer {
  key: string;
  modelId: string;
  /** The validated structured output. */
  output: unknown;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  recordedAt: string;
}

/** A content-addressed answer store: same key, same answer, no call. */
export interface ModelCache {
  get(key: string): StoredAnswer | undefined;
  set(answer: StoredAnswer): void;
}

/**
 * The key of a call: a hash of everything that decides the answer (model,
 * content, schema, parameters). Callers pass the content *before* per-run
 * random delimiters are added; hashing the delimited prompt would make every
 * review a miss.
 */
export function modelCallKey(material: unknown): string {
  return createHash("sha256").update(canonicalJson(material)).digest("hex");
}

/** JSON with object keys sorted, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      return Object.fromEntries(
        Object.entries(item as Record<string, unknown>).sort(([a], [b]) =>
          a < b ? -1 : a > b ? 1 : 0,
        ),
      );
    }
    return item;
  });
}

/**
 * The file cache under `.jig/cache/models/<2 hex>/<key>.json`. Writes go to a
 * temp file and are renamed, so a killed jig never leaves half an answer.
 */
export function createFileModelCache(directory: string): ModelCache {
  const root = join(directory, "models");
  const pathOf = (key: string) => join(root, key.slice(0, 2), `${key}.json`);
  return {
    get(key) {
      const path = pathOf(key);
      if (!existsSync(path)) return undefined;
      try {
        const answer = JSON.parse(readFileSync(path, "utf8")) as StoredAnswer;
        return answer.key === key ? answer : undefined;
      } catch {
        // A damaged entry is a miss; the next answer overwrites it.
        return undefined;
      }
    },
    set(answer) {
      const path = pathOf(answer.key);
      writeFileAtomicSync(path, `${JSON.stringify(answer)}\n`);
    },
  };
}

/** An in-memory cache, for tests and benchmarks. */
export function createMemoryModelCache(): ModelCache & { size(): number } {
  const entries = new Map<string, StoredAnswer>();
  return {
    get: (key) => entries.get(key),
    set: (answer) => void entries.set(answer.key, answer),
    size: () => entries.size,
  };
}

export type CassetteMode = "record" | "replay";

/**
 * A record/replay cassette: one JSON line per answered call. In `record` mode
 * every answer is appended; in `replay` mode answers come only from the file
 * and a call with no recorded answer is an error, never a live call, so CI
 * runs are deterministic and free.
 */
export interface Cassette {
  mode: CassetteMode;
  path: string;
  /** The recorded answer for `key` (replay), undefined in record mode. */
  replay(key: string, describe: () => string): StoredAnswer | undefined;
  record(answer: StoredAnswer): void;
}

/** Open a cassette file; replay mode reads it whole up front. */
export function openCassette(path: string, mode: CassetteMode): Cassette {
  const recorded = new Map<string, StoredAnswer>();
  if (mode === "replay") {
    if (!existsSync(path)) {
      throw new CassetteMissError(
        `cassette ${path} does not exist; record it first with JIG_CASSETTE_MODE=record`,
      );
    }
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const answer = JSON.parse(line) as StoredAnswer;
      recorded.set(answer.key, answer);
    }
  }
  return {
    mode,
    path,
    replay(key, describe) {
      if (mode !== "replay") return undefined;
      const answer = recorded.get(key);
      if (!answer) {
        throw new CassetteMissError(
          `cassette ${path} has no recorded answer for ${describe()} (key ${key.slice(0, 12)}); re-record it with JIG_CASSETTE_MODE=record`,
        );
      }
      return answer;
    },
    record(answer) {
      if (mode !== "record") return;
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `${JSON.stringify(answer)}\n`);
    },
  };
}
