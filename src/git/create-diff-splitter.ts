import { StringDecoder } from "node:string_decoder";
import type { ChangedFile } from "../core/index.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";

/** Emit complete file sections once this much diff text has gathered: fewer, larger batches. */
const BATCH_CHARS = 256 * 1024;

const BOUNDARY = "\ndiff --git ";

/** Cuts streamed diff text into complete file sections; see {@link createDiffSplitter}. */
export interface DiffSplitter {
  push: (chunk: Buffer) => void;
  /** After git exits: the rest of its output, then `extra` files, then every file seen. */
  end: (extra: ChangedFile[]) => Promise<ChangedFile[]>;
  /**
   * Characters searched for a file boundary so far. Each arriving character
   * is searched once (plus a boundary's length of overlap per chunk), so this
   * stays near the diff's length however the text is chunked: the proof, in
   * tests, that one huge file section costs linear time.
   */
  readonly scannedChars: number;
}

/**
 * Cuts git's diff output at file boundaries as it arrives. In git's output a
 * file section always starts with a line `diff --git `, and no hunk line can
 * (hunk lines start with ' ', '+', '-' or '\\'), so everything before the
 * last such line is complete and parses exactly as the whole text would.
 * Batches are parsed in order, each after the consumer finished the one before.
 *
 * Only the newly arrived text is searched for a boundary, and arriving pieces
 * are kept apart until a batch is cut: a single 25 MB file section arrives in
 * thousands of chunks, and rescanning (or re-joining) everything so far for
 * each one made reading it quadratic.
 */
export function createDiffSplitter(
  onFiles: (files: ChangedFile[]) => void | Promise<void>,
  keepHunks: boolean,
): DiffSplitter {
  const decoder = new StringDecoder("utf8");
  const all: ChangedFile[] = [];
  let pieces: string[] = [];
  let pendingChars = 0;
  /** Offset in the pending text of the last boundary's "\n", or -1. */
  let lastCut = -1;
  /** The pending text's last characters, so a boundary split across chunks is found. */
  let tail = "";
  let scanned = 0;
  let queue: Promise<void> = Promise.resolve();
  const hand = async (files: ChangedFile[]) => {
    if (files.length === 0) return;
    for (const file of files) all.push(keepHunks ? file : { ...file, hunks: [] });
    await onFiles(files);
  };
  const schedule = (task: () => Promise<void>) => {
    queue = queue.then(task);
    // Surfaced by end(); until then a failed batch must not count as unhandled.
    queue.catch(() => {});
  };
  return {
    get scannedChars() {
      return scanned;
    },
    push(chunk) {
      const text = decoder.write(chunk);
      if (text.length === 0) return;
      const window = tail + text;
      scanned += window.length;
      const found = window.lastIndexOf(BOUNDARY);
      if (found !== -1) lastCut = pendingChars - tail.length + found;
      pieces.push(text);
      pendingChars += text.length;
      tail = window.slice(-(BOUNDARY.length - 1));
      if (pendingChars < BATCH_CHARS || lastCut <= 0) return;
      const pending = pieces.join("");
      const batch = pending.slice(0, lastCut + 1);
      const rest = pending.slice(lastCut + 1);
      pieces = [rest];
      pendingChars = rest.length;
      // The rest starts with the boundary just cut at, which is no cut point.
      lastCut = -1;
      schedule(() => hand(parseUnifiedDiff(batch)));
    },
    async end(extra) {
      const text = pieces.join("") + decoder.end();
      pieces = [];
      pendingChars = 0;
      schedule(() => hand(parseUnifiedDiff(text)));
      schedule(() => hand(extra));
      await queue;
      return all;
    },
  };
}
