/**
 * Everything a stream yields, as UTF-8 text: stdin of a hook, a piped diff.
 * Decoded once at the end, so a multi-byte character split across chunks
 * survives.
 */
export async function readStreamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
