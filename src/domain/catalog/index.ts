import { loadTemplate } from "../template/loadTemplate";
import { Template } from "../template/schema";
import bieu01 from "./templates/bieu-01-ke-hoach-nam.json";
import bieu02 from "./templates/bieu-02-bao-cao-6-thang.json";
import bieu03 from "./templates/bieu-03-ho-tro-nha-o-nguoi-co-cong.json";

/**
 * The built-in templates. Each is a JSON data file beside this one, checked by the same schema as a
 * province's custom template, so a mistake in the catalog fails as loudly as a mistake in a custom file.
 */
const SOURCES: ReadonlyArray<readonly [string, unknown]> = [
  ["bieu-01-ke-hoach-nam.json", bieu01],
  ["bieu-02-bao-cao-6-thang.json", bieu02],
  ["bieu-03-ho-tro-nha-o-nguoi-co-cong.json", bieu03],
];

let cache: readonly Template[] | undefined;

export function builtInTemplates(): readonly Template[] {
  cache ??= SOURCES.map(([file, data]) => loadTemplate(data, file));
  return cache;
}

export function findTemplate(id: string, extra: readonly Template[] = []): Template | undefined {
  return [...extra, ...builtInTemplates()].find((t) => t.id === id);
}
