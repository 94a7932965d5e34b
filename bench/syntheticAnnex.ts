import {
  analyzeSheet,
  buildAnnexLayout,
  layoutSnapshot,
  loadTemplate,
  SheetSnapshot,
  Template,
} from "../src/domain";
import { SnapshotEditor } from "../src/domain/sheet/snapshot";
import { Indicator } from "../src/domain/template/schema";
import { template } from "./templates";

/**
 * A Biểu 01-shaped template with `rows` indicators in groups of five — a total that is the sum of
 * three parts, and a rate over the total — so every kind of check has work to do.
 */
export function syntheticTemplate(rows: number): Template {
  const base = template("bieu-01-ke-hoach-nam");
  const indicators: Indicator[] = [];
  const sections = [];
  for (let g = 0; indicators.length < rows; g++) {
    const section = `S${Math.floor(g / 200)}`;
    if (g % 200 === 0)
      sections.push({
        code: section,
        name: { vi: `Nhóm chỉ tiêu ${section}`, en: `Group ${section}` },
      });
    const p = `${g + 1}`;
    const common = { aliases: [], unitAliases: [], required: false, section };
    indicators.push({
      ...common,
      code: p,
      name: { vi: `Tổng số đối tượng nhóm ${p}`, en: `Total ${p}` },
      unit: "người",
      kind: "count",
      direction: "up",
      nature: "flow",
      level: 0,
      relations: [{ type: "sum", of: [`${p}.1`, `${p}.2`, `${p}.3`] }],
    });
    for (const k of [1, 2, 3]) {
      indicators.push({
        ...common,
        code: `${p}.${k}`,
        label: "-",
        name: { vi: `Nhóm ${p} thành phần ${k}`, en: `Group ${p} part ${k}` },
        unit: "người",
        kind: "count",
        direction: "up",
        nature: "flow",
        level: 1,
        relations: [],
      });
    }
    indicators.push({
      ...common,
      code: `${p}.r`,
      label: "-",
      name: { vi: `Tỷ lệ thành phần 1 nhóm ${p}`, en: `Share of part 1, group ${p}` },
      unit: "%",
      kind: "rate",
      direction: "up",
      nature: "stock",
      decimals: 2,
      level: 1,
      relations: [{ type: "ratio", numerator: `${p}.1`, denominator: p, scale: 100 }],
    });
  }
  // Through the loader, as a province's own template would come (validated, plain data objects): objects
  // built here by spreading would each get their own hidden class in V8, which no real template has.
  return loadTemplate(
    { ...base, id: `synthetic-${rows}`, sections, indicators: indicators.slice(0, rows) },
    `synthetic-${rows}`
  );
}

/** How each input column relates to last year's actual, so the figures hang together as real ones do. */
const FACTOR: Record<string, number> = {
  actualPrev: 1,
  planCur: 1.05,
  actual6m: 0.5,
  estimateCur: 1.08,
  planNext: 1.12,
};

/** A sheet of that template with every input column filled, consistent so the checks run in full. */
export function syntheticSheet(t: Template): SheetSnapshot {
  const layout = buildAnnexLayout(t, { year: 2023 });
  const editor = new SnapshotEditor(layoutSnapshot(layout));
  const inputs = t.columns.flatMap((c, i) => (c.role === "input" ? [[c.id, i] as const] : []));
  let seed = 7;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const put = (code: string, col: number, value: number) => {
    const r = layout.rowOf.get(code);
    if (r !== undefined) editor.set(r, col, value, undefined, value % 1 ? "0.00" : "#,##0");
  };
  for (const ind of t.indicators) {
    if (ind.kind !== "count" || ind.level !== 0) continue;
    const base = [1, 2, 3].map(() => Math.round(100 + rand() * 900));
    for (const [id, col] of inputs) {
      const parts = base.map((b) => Math.round(b * (FACTOR[id] ?? 1)));
      const total = parts.reduce((s, v) => s + v, 0);
      put(ind.code, col, total);
      parts.forEach((v, k) => put(`${ind.code}.${k + 1}`, col, v));
      put(`${ind.code}.r`, col, Math.round((parts[0] / total) * 10000) / 100);
    }
  }
  return editor.snapshot();
}

export function analyze(sheet: SheetSnapshot, t: Template) {
  return analyzeSheet(sheet, { locale: "vi-VN", templates: [t] });
}
