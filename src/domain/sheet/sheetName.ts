/**
 * Sheet names compared as a person reads them: in Unicode NFC. A name saved decomposed (NFD: "Biểu"
 * as "Bie" + U+0302 + U+0309 + "u", as macOS and some generators write it) looks the same as the
 * name typed normally, so `--sheet`, the metadata records and the hosts must find one by the other.
 */
export function sheetKey(name: string): string {
  return name.normalize("NFC");
}

export function sameSheetName(a: string, b: string): boolean {
  return a === b || sheetKey(a) === sheetKey(b);
}

/** A map by sheet name whose keys are compared in NFC (the metadata records, the explanations). */
export class SheetNameMap<V> extends Map<string, V> {
  override get(name: string): V | undefined {
    return super.get(sheetKey(name));
  }
  override has(name: string): boolean {
    return super.has(sheetKey(name));
  }
  override set(name: string, value: V): this {
    return super.set(sheetKey(name), value);
  }
  override delete(name: string): boolean {
    return super.delete(sheetKey(name));
  }
}
