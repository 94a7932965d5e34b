/**
 * A short fingerprint of a template (or any JSON data): keys sorted, so the same data gives the same
 * hash whatever order its fields were written in. Two FNV-1a passes with different seeds, 16 hex
 * digits: enough to tell two versions of a province's form apart, not a security measure.
 */
export function canonicalJson(data: unknown): string {
  if (Array.isArray(data)) return `[${data.map(canonicalJson).join(",")}]`;
  if (data && typeof data === "object") {
    const entries = Object.entries(data as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(data) ?? "null";
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
