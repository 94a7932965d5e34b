import JSZip from "jszip";
import { workbookPackage } from "./packageParts";

/**
 * The workbook's bytes with its parts at the names ExcelJS reads, for the page (Hồ sơ huyện), where the
 * command line's budgetedParts (Node's zlib) is not at hand: the same relationships followed
 * (packageParts.ts), the bytes as they are when nothing needs renaming. Undefined when the package
 * has no workbook part at all (a Word document, say).
 */
export async function withUsualPartNames(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const loaded = new Map<string, Uint8Array>();
  const load = async (name: string) => {
    const entry = zip.file(name);
    if (entry && !loaded.has(name)) loaded.set(name, await entry.async("uint8array"));
  };
  for (const n of names) if (n.toLowerCase().endsWith(".rels")) await load(n);
  // First the workbook part's name (from the relationships alone), then its sheets (from the part).
  const first = workbookPackage(names, (n) => loaded.get(n));
  if (!first) return undefined;
  if (first.format !== "xlsx") return bytes;
  await load(names.find((n) => n.replace(/^\//, "") === first.workbook) ?? first.workbook);
  const pkg = workbookPackage(names, (n) => loaded.get(n));
  if (!pkg) return undefined;
  if (!pkg.renames.size) return bytes;
  for (const [from, to] of pkg.renames) {
    const data = loaded.get(from) ?? (await zip.file(from)?.async("uint8array"));
    zip.remove(from);
    if (data) zip.file(to, data);
  }
  for (const [name, data] of pkg.rewritten) zip.file(name, data);
  return zip.generateAsync({ type: "uint8array", compression: "STORE" });
}
