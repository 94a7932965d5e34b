/**
 * A short fingerprint of a template (or any JSON data): keys sorted, so the same data gives the same
 * hash whatever order its fields were written in. Two FNV-1a passes with different seeds, 16 hex
 * digits: enough to tell two versions of a province's form apart, not a security measure.
 */
export function canonicalJson(data: unknown): string {
  const out: string[] = [];
  write(data, out);
  return out.join("");
}

function write(data: unknown, out: string[]): void {
  if (Array.isArray(data)) {
    out.push("[");
    data.forEach((v, k) => {
      if (k) out.push(",");
      write(v, out);
    });
    out.push("]");
  } else if (data && typeof data === "object") {
    const o = data as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    out.push("{");
    keys.forEach((k, n) => {
      out.push(n ? "," : "", JSON.stringify(k), ":");
      write(o[k], out);
    });
    out.push("}");
  } else out.push(JSON.stringify(data) ?? "null");
}

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function templateHash(data: unknown): string {
  const text = canonicalJson(data);
  const a = fnv1a(text, 0x811c9dc5).toString(16).padStart(8, "0");
  const b = fnv1a(text, 0x01234567).toString(16).padStart(8, "0");
  return a + b;
}
