import ExcelJS from "exceljs";
import JSZip from "jszip";
import { columnLetter } from "../../domain";
import type { CheckReportBook, ReportFileRow, ReportSenders } from "./reportRows";

/**
 * The check report a province forwards (`annex check --report`, and Hồ sơ huyện's download): one
 * summary row per file, every finding with filters on, and a bar chart of errors per district, in
 * Vietnamese and printable on A4. The rows are built elsewhere (pure); this only writes them. ExcelJS
 * cannot write charts: the workbook is written with ExcelJS, then the chart's parts are added to the
 * zip (xl/charts/chart1.xml, xl/drawings/drawing1.xml and their relationships, content types, the
 * chart sheet's <drawing>).
 */
export const REPORT_SHEETS = {
  summary: "Tóm tắt",
  findings: "Phát hiện",
  chart: "Biểu đồ lỗi",
  senders: "Đơn vị gửi báo cáo",
} as const;

const SUMMARY_HEADER = [
  "STT",
  "Tệp",
  "Đơn vị",
  "Mẫu biểu",
  "Năm",
  "Lỗi",
  "Cảnh báo",
  "Lưu ý",
  "Tình trạng",
];
const FINDINGS_HEADER = [
  "Tệp",
  "Đơn vị",
  "Trang tính",
  "Ô",
  "Chỉ tiêu",
  "Mức",
  "Nội dung",
  "Cần",
  "Thấy",
];
/** Row (1-based) of the summary's header; the files follow. */
const SUMMARY_HEADER_ROW = 4;
const ERRORS_COL = 6;
/** A hidden column naming each file's bar: its unit, or its file name when the annex names nobody. */
const LABEL_COL = SUMMARY_HEADER.length + 1;

const FONT = { name: "Times New Roman", size: 11 };
const THIN: ExcelJS.Border = { style: "thin", color: { argb: "FF000000" } };
const GRID = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFE7E6E6" },
};

function a4(orientation: "landscape" | "portrait", titleRows?: string): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
}

function headerRow(ws: ExcelJS.Worksheet, row: number, names: readonly string[]): void {
  names.forEach((name, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = name;
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = GRID;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
}

function bodyRow(
  ws: ExcelJS.Worksheet,
  row: number,
  values: ReadonlyArray<string | number | null>
): void {
  values.forEach((v, i) => {
    const cell = ws.getCell(row, i + 1);
    if (v !== null && v !== "") cell.value = v;
    cell.font = FONT;
    cell.border = GRID;
    cell.alignment = { vertical: "top", wrapText: typeof v === "string" };
  });
}

/** Writes the report workbook; returns the .xlsx bytes. */
export async function reportWorkbookBytes(book: CheckReportBook): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "indicator-annex";

  const summary = workbook.addWorksheet(REPORT_SHEETS.summary, {
    pageSetup: a4("landscape", `${SUMMARY_HEADER_ROW}:${SUMMARY_HEADER_ROW}`),
    views: [{ state: "frozen", ySplit: SUMMARY_HEADER_ROW }],
  });
  [6, 28, 36, 14, 7, 8, 10, 8, 30].forEach((w, i) => (summary.getColumn(i + 1).width = w));
  summary.getCell(1, 1).value = book.title;
  summary.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
  summary.getCell(2, 1).value = book.subtitle;
  summary.getCell(2, 1).font = { ...FONT, italic: true };
  headerRow(summary, SUMMARY_HEADER_ROW, SUMMARY_HEADER);
  book.files.forEach((f, i) =>
    bodyRow(summary, SUMMARY_HEADER_ROW + 1 + i, [
      i + 1,
      f.file,
      f.unit ?? "",
      f.template ?? "",
      f.year,
      f.errors,
      f.warnings,
      f.notes,
      f.status,
    ])
  );
  book.files.forEach(
    (f, i) => (summary.getCell(SUMMARY_HEADER_ROW + 1 + i, LABEL_COL).value = barLabel(f))
  );
  summary.getColumn(LABEL_COL).hidden = true;
  const last = SUMMARY_HEADER_ROW + book.files.length;
  if (book.files.length) {
    const total = last + 1;
    bodyRow(summary, total, [null, "Tổng cộng", null, null, null, null, null, null, null]);
    for (const col of [ERRORS_COL, ERRORS_COL + 1, ERRORS_COL + 2]) {
      const letter = summary.getColumn(col).letter;
      const sum = book.files.reduce(
        (n, f) => n + ([f.errors, f.warnings, f.notes][col - ERRORS_COL] ?? 0),
        0
      );
      summary.getCell(total, col).value = {
        formula: `SUM(${letter}${SUMMARY_HEADER_ROW + 1}:${letter}${last})`,
        result: sum,
      } as ExcelJS.CellFormulaValue;
    }
    summary.getRow(total).font = { ...FONT, bold: true };
  }

  if (book.senders) addSendersSheet(workbook, book.senders);

  const findings = workbook.addWorksheet(REPORT_SHEETS.findings, {
    pageSetup: a4("landscape", "1:1"),
    views: [{ state: "frozen", ySplit: 1 }],
  });
  [22, 28, 14, 7, 30, 10, 60, 18, 18].forEach((w, i) => (findings.getColumn(i + 1).width = w));
  headerRow(findings, 1, FINDINGS_HEADER);
  book.findings.forEach((f, i) =>
    bodyRow(findings, i + 2, [
      f.file,
      f.unit ?? "",
      f.sheet,
      f.cell,
      f.indicator,
      f.severity,
      f.message,
      f.expected,
      f.found,
    ])
  );
  findings.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, book.findings.length + 1), column: FINDINGS_HEADER.length },
  };

  const chartSheet = workbook.addWorksheet(REPORT_SHEETS.chart, { pageSetup: a4("landscape") });
  chartSheet.getCell(1, 1).value = "Số lỗi theo đơn vị";
  chartSheet.getCell(1, 1).font = { ...FONT, size: 14, bold: true };

  const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return addChart(bytes, book);
}

/** A bar's name: the authority ("UBND HUYỆN CAO LỘC", what tells districts apart), else the file's name. */
function barLabel(f: ReportFileRow): string {
  return f.label ?? f.unit?.split(" – ")[0] ?? f.file.replace(/^.*[\\/]/, "");
}

/** Who has sent and who has not (issue #21): the count, one row per unit of the province, other provinces' files. */
function addSendersSheet(workbook: ExcelJS.Workbook, senders: ReportSenders): void {
  const ws = workbook.addWorksheet(REPORT_SHEETS.senders, {
    pageSetup: a4("portrait", "3:3"),
    views: [{ state: "frozen", ySplit: 3 }],
  });
  [6, 10, 30, 12, 40].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getCell(1, 1).value = senders.title;
  ws.getCell(1, 1).font = { ...FONT, size: 12, bold: true };
  headerRow(ws, 3, ["STT", "Mã", "Đơn vị", "Tình trạng", "Tệp"]);
  senders.rows.forEach((r, i) => bodyRow(ws, 4 + i, [i + 1, r.code, r.unit, r.status, r.files]));
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + senders.rows.length, column: 5 } };
  if (!senders.otherProvince.length) return;
  let row = 5 + senders.rows.length;
  ws.getCell(row++, 1).value = "Tệp của đơn vị tỉnh khác (không tính):";
  for (const o of senders.otherProvince) bodyRow(ws, row++, [null, null, o.file, null, o.reason]);
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Adds the bar chart of errors per file (one bar per row of the summary) to the chart sheet. */
async function addChart(bytes: Uint8Array, book: CheckReportBook): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const sheetPath = await worksheetPart(zip, REPORT_SHEETS.chart);
  const sheetXml = await text(zip, sheetPath);
  const relsPath = sheetPath.replace(/worksheets\/([^/]+)$/, "worksheets/_rels/$1.rels");
  const existingRels = zip.file(relsPath)
    ? await text(zip, relsPath)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"></Relationships>`;
  const ids = [...existingRels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
  const rid = `rId${Math.max(0, ...ids) + 1}`;
  zip.file(
    relsPath,
    existingRels.replace(
      "</Relationships>",
      `<Relationship Id="${rid}" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`
    )
  );
  const before =
    /<(?:legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|<\/worksheet>/.exec(
      sheetXml
    );
  if (!before) throw new Error("report: the chart sheet has no end tag");
  const withNs = /xmlns:r=/.test(sheetXml)
    ? sheetXml
    : sheetXml.replace("<worksheet ", `<worksheet xmlns:r="${REL}" `);
  const at = withNs.indexOf(before[0]);
  zip.file(sheetPath, `${withNs.slice(0, at)}<drawing r:id="${rid}"/>${withNs.slice(at)}`);

  const rows = Math.max(book.files.length, 1);
  zip.file("xl/drawings/drawing1.xml", drawingXml(Math.max(22, 6 + rows)));
  zip.file(
    "xl/drawings/_rels/drawing1.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/></Relationships>`
  );
  zip.file("xl/charts/chart1.xml", chartXml(book));
  const types = await text(zip, "[Content_Types].xml");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
        '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>'
    )
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function text(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`report: ${name} is missing from the workbook`);
  return file.async("string");
}

/** The part of the worksheet named `name`, through the workbook and its relationships. */
async function worksheetPart(zip: JSZip, name: string): Promise<string> {
  const workbook = await text(zip, "xl/workbook.xml");
  const sheet = new RegExp(`<sheet [^>]*name="${xml(name)}"[^>]*/>`).exec(workbook)?.[0];
  const rid = sheet && /r:id="([^"]+)"/.exec(sheet)?.[1];
  const rels = await text(zip, "xl/_rels/workbook.xml.rels");
  const rel = rid && new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*/>`).exec(rels)?.[0];
  const target = rel && /Target="([^"]+)"/.exec(rel)?.[1];
  if (!target) throw new Error(`report: no part for sheet "${name}"`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

function drawingXml(toRow: number): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${toRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Số lỗi theo huyện"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
}

/** One bar per file: its unit (or file name) against its errors, with the cached values for viewers. */
function chartXml(book: CheckReportBook): string {
  const first = SUMMARY_HEADER_ROW + 1;
  const last = SUMMARY_HEADER_ROW + Math.max(book.files.length, 1);
  const sheet = `'${REPORT_SHEETS.summary}'`;
  const col = (n: number) => columnLetter(n - 1); // the 1-based columns above
  const names = book.files.map(barLabel);
  const cats = names.map((n, i) => `<c:pt idx="${i}"><c:v>${xml(n)}</c:v></c:pt>`).join("");
  const vals = book.files
    .map((f, i) => (f.errors === null ? "" : `<c:pt idx="${i}"><c:v>${f.errors}</c:v></c:pt>`))
    .join("");
  const n = book.files.length;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Số lỗi theo huyện</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${sheet}!$${col(ERRORS_COL)}$${SUMMARY_HEADER_ROW}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>Lỗi</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="C00000"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/><c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls><c:cat><c:strRef><c:f>${sheet}!$${col(LABEL_COL)}$${first}:$${col(LABEL_COL)}$${last}</c:f><c:strCache><c:ptCount val="${n}"/>${cats}</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>${sheet}!$${col(ERRORS_COL)}$${first}:$${col(ERRORS_COL)}$${last}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${vals}</c:numCache></c:numRef></c:val></c:ser><c:gapWidth val="60"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart><c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx><c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:plotVisOnly val="0"/><c:dispBlanksAs val="gap"/></c:chart><c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup paperSize="9" orientation="landscape"/></c:printSettings></c:chartSpace>`;
}
