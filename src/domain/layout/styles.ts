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
    /** Text colour, "RRGGBB"; absent: automatic (black). */
    readonly color?: string;
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
/** Grey: an input cell the period does not ask for (a person may still type there). */
export const NOT_ASKED_FILL_RGB = "D9D9D9";
const HEADER_FILL_RGB = "E7E6E6";
const SECTION_FILL_RGB = "F2F2F2";
const BLACK = "000000";
const PROBLEM_FILL_RGB = "FFC7CE";
const PROBLEM_TEXT_RGB = "9C0006";

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
  inputNotAsked: table({}, { horizontal: "right" }, NOT_ASKED_FILL_RGB),
  note: table({ size: 11 }, { wrap: true }, INPUT_FILL_RGB),
  footer: title({ bold: true }, "center"),
  subtitle: { ...title({ italic: true }, "center"), wrap: true, vertical: "middle" },
  place: title({ italic: true }, "center"),
  signHint: title({ italic: true, size: 11 }, "center"),
  signer: title({ bold: true }, "center"),
  legend: {
    font: { name: ANNEX_FONT, size: 11, italic: true, color: PROBLEM_TEXT_RGB },
    horizontal: "left",
    vertical: "top",
    wrap: true,
  },
  checkHeader: {
    font: { name: ANNEX_FONT, size: 10, bold: true, color: PROBLEM_TEXT_RGB },
    horizontal: "center",
    vertical: "middle",
    wrap: true,
  },
  check: {
    font: { name: ANNEX_FONT, size: 10, italic: true, color: PROBLEM_TEXT_RGB },
    horizontal: "left",
    vertical: "middle",
  },
};

/**
 * How a cell the self-check finds wrong looks (src/domain/layout/selfCheck.ts): Excel's "light red
 * fill with dark red text", which every spreadsheet program shows the same.
 */
export const PROBLEM_LOOK = { fill: PROBLEM_FILL_RGB, font: PROBLEM_TEXT_RGB } as const;

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
