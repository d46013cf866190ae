/** One object as `git cat-file --batch` returns it. */
export interface GitObject {
  type: string;
  /** The object's full id, as git printed it. */
  id: string;
  content: Buffer;
}

/**
 * Splits `git cat-file --batch` output into answers, however it is chunked:
 * `<oid> <type> <size>\n`, the object's bytes and a newline; or
 * `<name> missing` (or `ambiguous`) alone, answered undefined. Pure (no
 * imports), so the guard's synchronous hot path can use it too.
 */
export function createBatchParser(onAnswer: (object: GitObject | undefined) => void): {
  push(chunk: Buffer): void;
} {
  // Chunks are joined only once a whole answer is here, so a large file
  // arriving in many chunks is copied once, not once per chunk.
  let chunks: Buffer[] = [];
  let length = 0;
  let need = 0;
  return {
    push(chunk) {
      chunks.push(chunk);
      length += chunk.length;
      if (length < need) return;
      let buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
      need = 0;
      for (;;) {
        const newline = buffer.indexOf(10);
        if (newline < 0) break;
        const header = buffer.subarray(0, newline).toString("utf8");
        const match = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
        if (!match) {
          buffer = buffer.subarray(newline + 1);
          onAnswer(undefined);
          continue;
        }
        const end = newline + 1 + Number(match[3]);
        // The object's bytes and the newline after them must all be here.
        if (buffer.length < end + 1) {
          need = end + 1;
          break;
        }
        const content = buffer.subarray(newline + 1, end);
        buffer = buffer.subarray(end + 1);
        onAnswer({ id: match[1] as string, type: match[2] as string, content });
      }
      chunks = buffer.length > 0 ? [buffer] : [];
      length = buffer.length;
    },
  };
}
