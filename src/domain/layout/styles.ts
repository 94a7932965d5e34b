import type { CellStyle } from "./annexLayout";

/**
 * How each kind of annex cell looks, described once as plain data: the ExcelJS renderer
 * (src/adapters/xlsx/annexStyles.ts) and the Office.js host (src/host/office/officeStyles.ts) both
 * translate this, so a sheet made by `annex new` and one inserted by the add-in look the same.
 * Times New Roman throughout, as the ministry's forms are.
 */
export interface CellLook {
  readonly font: {
    readonly name: string;
    readonly size: number;
    readonly bold?: boolean;
    readonly italic?: boolean;
  };
  readonly horizontal?: "left" | "center" | "right";
  readonly vertical?: "top" | "middle" | "bottom";
  readonly wrap?: boolean;
  /** Solid fill, "RRGGBB" (no "#", no alpha). */
  readonly fill?: string;
  /** Thin black lines on all four sides (the table's grid); absent: no border. */
  readonly border?: "thin";
  /** Colour of the border lines, "RRGGBB". */
  readonly borderColor?: string;
}

const ANNEX_FONT = "Times New Roman";
/** Pale yellow: where a person types. */
export const INPUT_FILL_RGB = "FFF8DC";
const HEADER_FILL_RGB = "E7E6E6";
const SECTION_FILL_RGB = "F2F2F2";
const BLACK = "000000";

interface FontPart {
  readonly size?: number;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

/** Text above the table: no border. */
function title(font: FontPart, horizontal: "center" | "right"): CellLook {
  return { font: { name: ANNEX_FONT, size: 12, ...font }, horizontal };
}

/** A cell of the table: bordered, vertically centred, optionally shaded. */
function table(
  font: FontPart,
  alignment: { readonly horizontal?: "center" | "right"; readonly wrap?: boolean },
  fill?: string
): CellLook {
  return {
    font: { name: ANNEX_FONT, size: 12, ...font },
    vertical: "middle",
    ...alignment,
    border: "thin",
    borderColor: BLACK,
    ...(fill ? { fill } : {}),
  };
}

export const CELL_LOOKS: Readonly<Record<CellStyle, CellLook>> = {
  authority: title({}, "center"),
  unitName: title({ bold: true }, "center"),
  form: title({ bold: true }, "right"),
  title: {
    font: { name: ANNEX_FONT, size: 14, bold: true },
    horizontal: "center",
    vertical: "middle",
    wrap: true,
  },
  unitNote: title({ italic: true }, "center"),
  header: table({ bold: true }, { horizontal: "center", wrap: true }, HEADER_FILL_RGB),
  numbering: table({ size: 11, italic: true }, { horizontal: "center" }),
  section: table({ bold: true }, { wrap: true }, SECTION_FILL_RGB),
  indicator: table({ bold: true }, { wrap: true }),
  child: table({}, { wrap: true }),
  code: table({}, { horizontal: "center" }),
  unit: table({}, { horizontal: "center", wrap: true }),
  input: table({}, { horizontal: "right" }, INPUT_FILL_RGB),
  derived: table({}, { horizontal: "right" }),
  evaluation: table({}, { horizontal: "center" }),
  note: table({ size: 11 }, { wrap: true }, INPUT_FILL_RGB),
  footer: title({ bold: true }, "center"),
};

/**
 * Row heights (points) the layout sets beyond the default: the two header rows and the title row.
 * Both renderers apply the same ones.
 */
export function rowHeights(headerRows: readonly [number, number]): ReadonlyArray<{
  readonly row: number;
  readonly height: number;
}> {
  return [
    { row: headerRows[0], height: 36 },
    { row: headerRows[1], height: 48 },
    { row: 3, height: 36 },
  ];
}
