import ExcelJS from "exceljs";
import { reportingUnit, Template, WorkbookAnalysis } from "../domain";
import { sheetSnapshot } from "../adapters/xlsx/readSheet";
import { readMetadata } from "../adapters/xlsx/metadata";
import {
  CheckReportBook,
  ReportFileRow,
  ReportFindingRow,
  reportWorkbookBytes,
} from "../adapters/xlsx/reportWorkbook";
import { refuseExisting, writeBytes } from "../adapters/xlsx/workbookFile";

export { refuseExisting };
import { countsText, FileReport, fileCounts } from "./checkReport";

/**
 * `annex check --report report.xlsx`: the rows of the report workbook, from the same FileReports the
 * table and --json print (so its counts are theirs), plus who sent each file.
 */

const SEVERITY_VI = { error: "Lỗi", warning: "Cảnh báo", info: "Lưu ý" } as const;

/** Who sent a file, from the title block of its first annex: "UBND HUYỆN CAO LỘC – PHÒNG LĐTBXH". */
export function fileUnit(workbook: ExcelJS.Workbook, analysis: WorkbookAnalysis): string | null {
  const first = analysis.sheets.find((a) => a.annex);
  const ws = first && workbook.getWorksheet(first.sheet);
  if (!first?.annex || !ws) return null;
  const snapshot = sheetSnapshot(ws, readMetadata(workbook).get(ws.name));
  const u = reportingUnit(snapshot, first.annex.headerRow);
  const parts = [u.authority, u.unit].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(" – ") : null;
}

export function checkReportBook(
  reports: readonly FileReport[],
  units: ReadonlyMap<string, string | null>,
  templates: readonly Template[],
  today: Date
): CheckReportBook {
  const indicatorName = (templateId: string | undefined, code: string | undefined): string => {
    if (code === undefined) return "";
    const ind = templates.find((t) => t.id === templateId)?.indicators.find((i) => i.code === code);
    return ind ? `${code}. ${ind.name.vi}` : code;
  };
  const files: ReportFileRow[] = reports.map((r) => {
    const counts = fileCounts(r);
    const first = r.sheets.find((s) => s.template)?.template ?? null;
    const form = first && templates.find((t) => t.id === first.id)?.form;
    return {
      file: r.file,
      unit: units.get(r.file) ?? null,
      template: first ? (form ?? first.id) : null,
      year: first?.year ?? null,
      errors: r.problem ? null : counts.error,
      warnings: r.problem ? null : counts.warning,
      notes: r.problem ? null : counts.info,
      status: r.problem
        ? `Không đọc được: ${r.problem.message.vi}`
        : !first
          ? "Không có biểu chỉ tiêu"
          : counts.error
            ? "Có lỗi, cần sửa"
            : "Không có lỗi",
    };
  });
  const findings: ReportFindingRow[] = reports.flatMap((r) =>
    r.sheets.flatMap((s) =>
      s.findings.map((f) => ({
        file: r.file,
        unit: units.get(r.file) ?? null,
        sheet: s.sheet,
        cell: f.cells[0] ?? "",
        indicator: indicatorName(s.template?.id, f.indicatorCode),
        severity: SEVERITY_VI[f.severity],
        message: f.message.vi,
        expected: f.expected?.vi ?? "",
        found: f.found?.vi ?? "",
      }))
    )
  );
  const total = reports.reduce(
    (t, r) => {
      const c = fileCounts(r);
      return { error: t.error + c.error, warning: t.warning + c.warning, info: t.info + c.info };
    },
    { error: 0, warning: 0, info: 0 }
  );
  const date = `${today.getDate()}/${today.getMonth() + 1}/${today.getFullYear()}`;
  return {
    title: "KẾT QUẢ KIỂM TRA BIỂU CHỈ TIÊU",
    subtitle: `Lập ngày ${date}: ${reports.length} tệp; ${countsText(total, "vi")}.`,
    files,
    findings,
  };
}

/** Writes the report workbook (through a temporary file, never half-written). */
export async function writeCheckReport(file: string, book: CheckReportBook): Promise<void> {
  await writeBytes(file, await reportWorkbookBytes(book));
}
