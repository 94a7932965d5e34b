import { InflateRaw, OVER_LIMIT } from "./budgetedParts";

/**
 * The browser's own inflate (DecompressionStream "deflate-raw": Edge WebView2, Chrome 103+, Safari
 * 16.4+), for budgetedParts in the pane: native code, where ExcelJS's zip reader would inflate each
 * part again in JavaScript. It stops reading once the output passes the limit, as Node's zlib does
 * with maxOutputLength. Undefined where the browser lacks it (budgetedParts then cannot be used
 * without Node, and the caller reads the file as before).
 */
export function browserInflateRaw(): InflateRaw | undefined {
  if (typeof DecompressionStream === "undefined") return undefined;
  try {
    new DecompressionStream("deflate-raw");
  } catch {
    return undefined; // an older browser: "deflate" and "gzip" only
  }
  return inflate;
}

async function inflate(data: Uint8Array, limit: number): Promise<Uint8Array | typeof OVER_LIMIT> {
  const stream = new Blob([data as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      return OVER_LIMIT;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
