import {
  buildAnnexLayout,
  builtInTemplates,
  layoutSnapshot,
  SheetSnapshot,
  Template,
  toA1,
} from "../../src/domain";
import { AnnexLayout } from "../../src/domain/layout/annexLayout";
import { CellValue, SnapshotEditor } from "../../src/domain/sheet/snapshot";
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
  /**
   * Types into one cell, replacing what it held: a value (null: empty; {error}: an error value), and
   * optionally a formula (without "=", the value being its cached result) and a number format.
   */
  set(code: string, columnId: string, value: TestValue, extra: TestExtra = {}): this {
    return this.setCell(this.row(code), this.col(columnId), { value, ...extra });
  }
  /** Sets several columns of one row: set row "1" to {actualPrev: 1, planCur: 2}. */
  setRow(code: string, values: Record<string, TestValue>): this {
    for (const [columnId, v] of Object.entries(values)) this.set(code, columnId, v);
    return this;
  }
  setCell(row: number, col: number, cell: TestCell | undefined): this {
    const value = cell ? snapshotValue(cell.value) : "";
    this.sheet = new SnapshotEditor(this.sheet)
      .set(row, col, value, cell?.formula, cell?.numFmt ?? "General")
      .snapshot();
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
    this.sheet = new SnapshotEditor(this.sheet).moveRow(from, to).snapshot();
    return this;
  }
  insertRow(at: number, cells: Array<CellValue | undefined>): this {
    this.sheet = new SnapshotEditor(this.sheet)
      .spliceRows(at, 0, [cells.map((v) => v ?? "")])
      .snapshot();
    return this;
  }
}

/** A value as tests write it: null for empty, {error} for an error value. */
export type TestValue = CellValue | null | { readonly error: string };
export interface TestExtra {
  /** Formula without "=". */
  readonly formula?: string;
  readonly numFmt?: string;
}
export interface TestCell extends TestExtra {
  readonly value: TestValue;
}

function snapshotValue(v: TestValue): CellValue {
  return v === null ? "" : typeof v === "object" ? v.error : v;
}
