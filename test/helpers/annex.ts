import {
  buildAnnexLayout,
  builtInTemplates,
  layoutSnapshot,
  SheetSnapshot,
  Template,
  toA1,
} from "../../src/domain";
import { AnnexLayout } from "../../src/domain/layout/annexLayout";
import { CellSnapshot, CellValue } from "../../src/domain/sheet/snapshot";
import { fillSnapshot, SampleFigures } from "../../src/domain/samples";
import langSon from "../../src/samples/bieu-01-lang-son-2023.json";

export const BIEU01 = "bieu-01-ke-hoach-nam";

export function template(id = BIEU01): Template {
  const t = builtInTemplates().find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}

export const langSonSample = langSon as SampleFigures;

/** A laid-out annex as a snapshot, with handy setters by indicator code and column id. */
export class TestAnnex {
  readonly layout: AnnexLayout;
  sheet: SheetSnapshot;
  constructor(
    readonly tpl: Template = template(),
    year = 2023,
    metadata = true
  ) {
    this.layout = buildAnnexLayout(tpl, {
      year,
      unitName: "Sở LĐTBXH",
      authority: "UBND tỉnh Lạng Sơn",
    });
    this.sheet = layoutSnapshot(this.layout, metadata);
  }
  static filled(sample: SampleFigures = langSonSample): TestAnnex {
    const a = new TestAnnex(template(sample.templateId), sample.year);
    a.sheet = fillSnapshot(a.sheet, a.layout, a.tpl, sample);
    return a;
  }
  col(columnId: string): number {
    const i = this.tpl.columns.findIndex((c) => c.id === columnId);
    if (i < 0) throw new Error(`no column ${columnId}`);
    return i;
  }
  row(code: string): number {
    const r = this.layout.rowOf.get(code);
    if (r === undefined) throw new Error(`no row ${code}`);
    return r;
  }
  address(code: string, columnId: string): string {
    return toA1(this.row(code), this.col(columnId));
  }
  set(code: string, columnId: string, value: CellValue, extra: Partial<CellSnapshot> = {}): this {
    return this.setCell(this.row(code), this.col(columnId), { value, ...extra });
  }
  /** Sets several columns of one row: set row "1" to {actualPrev: 1, planCur: 2}. */
  setRow(code: string, values: Record<string, CellValue>): this {
    for (const [columnId, v] of Object.entries(values)) this.set(code, columnId, v);
    return this;
  }
  setCell(row: number, col: number, cell: CellSnapshot | undefined): this {
    const rows = this.sheet.rows.map((r) => (r ? [...r] : [])) as Array<
      Array<CellSnapshot | undefined>
    >;
    while (rows.length <= row) rows.push([]);
    rows[row][col] = cell;
    this.sheet = { ...this.sheet, rows };
    return this;
  }
  /** Removes the tool's metadata, as on a sheet someone made by hand with the same headers. */
  withoutMetadata(): this {
    const { metadata: _m, ...rest } = this.sheet;
    this.sheet = rest;
    return this;
  }
  /** Moves a data row (cut and insert elsewhere). */
  moveRow(from: number, to: number): this {
    const rows = [...this.sheet.rows];
    const [r] = rows.splice(from, 1);
    rows.splice(to, 0, r);
    this.sheet = { ...this.sheet, rows };
    return this;
  }
  insertRow(at: number, cells: Array<CellValue | undefined>): this {
    const rows = [...this.sheet.rows];
    rows.splice(
      at,
      0,
      cells.map((v) => (v === undefined ? undefined : { value: v }))
    );
    this.sheet = { ...this.sheet, rows };
    return this;
  }
}
