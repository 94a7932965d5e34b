import type {
  Bilingual,
  ReportingUnit,
  Severity,
  SheetSnapshot,
  WorkbookAnalysis,
} from "../../domain";
import { reportingUnit } from "../../domain";
import type { BatchFile, BatchSenders } from "../../domain/units";

/**
 * The rows of the check report workbook (src/adapters/xlsx/reportWorkbook.ts writes them): what
 * `annex check --report` and Hồ sơ huyện's download both build, from their own summaries. Pure, and
 * free of ExcelJS, so the pane builds its rows without loading the writer.
 */
export interface ReportFileRow {
  readonly file: string;
  /** Who sent it ("UBND HUYỆN CAO LỘC – PHÒNG LĐTBXH"); null when the title block names nobody. */
  readonly unit: string | null;
  /** The unit identified in the list ("Xã Hữu Lũng"): the chart's bar is named by it. */
  readonly label?: string;
  readonly template: string | null;
  readonly year: number | null;
  /** null when the file could not be read. */
  readonly errors: number | null;
  readonly warnings: number | null;
  readonly notes: number | null;
  readonly status: string;
}

export interface ReportFindingRow {
  readonly file: string;
  readonly unit: string | null;
  readonly sheet: string;
  readonly cell: string;
  readonly indicator: string;
  readonly severity: string;
  readonly message: string;
  readonly expected: string;
  readonly found: string;
}

export interface CheckReportBook {
  /** "Kết quả kiểm tra biểu chỉ tiêu của các huyện" */
  readonly title: string;
  /** "Lập ngày 21/11/2026: 5 tệp, 12 lỗi, …" */
  readonly subtitle: string;
  readonly files: readonly ReportFileRow[];
  readonly findings: readonly ReportFindingRow[];
  /** Who of the province has sent and who has not (--province; issue #21). */
  readonly senders?: ReportSenders;
}

/** The sheet of who has sent: "Đã nhận 3/65 xã, phường của Lạng Sơn; …", one row per expected unit. */
export interface ReportSenders {
  readonly title: string;
  readonly rows: ReadonlyArray<{
    readonly code: string;
    readonly unit: string;
    readonly status: string;
    readonly files: string;
  }>;
  /** Files of units of another province, left out of the count, with why. */
  readonly otherProvince: ReadonlyArray<{ readonly file: string; readonly reason: string }>;
}

/** The report's rows of who has sent, from the batch's completeness. */
export function reportSenders(batch: BatchSenders): ReportSenders | undefined {
  const c = batch.completeness;
  if (!c) return undefined;
  return {
    title: c.message.vi,
    rows: c.rows.map((r) => ({
      code: r.sender.code,
      unit: r.sender.title,
      status: r.files.length ? "Đã gửi" : "Chưa gửi",
      files: r.files.join("; "),
    })),
    otherProvince: [...batch.files.entries()].flatMap(([file, f]) =>
      f.otherProvince ? [{ file, reason: f.otherProvince.vi }] : []
    ),
  };
}

const SEVERITY_VI: Readonly<Record<Severity, string>> = {
  error: "Lỗi",
  warning: "Cảnh báo",
  info: "Lưu ý",
};

/** The severity as the findings sheet names it. */
export function severityText(severity: Severity): string {
  return SEVERITY_VI[severity];
}

/** A file's status in the summary: unreadable (with why), no annex, errors to correct, or none. */
export function fileStatus(
  problem: Bilingual | undefined,
  hasAnnex: boolean,
  errors: number
): string {
  if (problem) return `Không đọc được: ${problem.vi}`;
  if (!hasAnnex) return "Không có biểu chỉ tiêu";
  return errors ? "Có lỗi, cần sửa" : "Không có lỗi";
}

export const REPORT_TITLE = "KẾT QUẢ KIỂM TRA BIỂU CHỈ TIÊU";

/** "Lập ngày 21/11/2026: 5 tệp; 3 lỗi, 10 cảnh báo, 2 lưu ý." */
export function reportSubtitle(today: Date, files: number, counts: string): string {
  const date = `${today.getDate()}/${today.getMonth() + 1}/${today.getFullYear()}`;
  return `Lập ngày ${date}: ${files} tệp; ${counts}.`;
}

/** Who sent a file, from its title block: "UBND HUYỆN CAO LỘC – PHÒNG LĐTBXH"; null when it names nobody. */
export function unitText(u: ReportingUnit): string | null {
  // The authority first: it is what tells one district's office from another's.
  const parts = [u.authority, u.unit].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(" – ") : null;
}

/** Who sent a file, from the title block of its first annex; null when it has none or names nobody. */
export function fileUnit(
  snapshots: readonly SheetSnapshot[],
  analysis: WorkbookAnalysis
): string | null {
  const block = fileTitleBlock("", snapshots, analysis);
  return block.unit ? unitText(block.unit) : null;
}

/** The title block and year of a file's first annex, for identifying its unit (units/batch.ts). */
export function fileTitleBlock(
  file: string,
  snapshots: readonly SheetSnapshot[],
  analysis: WorkbookAnalysis
): BatchFile {
  const first = analysis.sheets.find((a) => a.annex);
  const snapshot = first && snapshots.find((s) => s.name === first.sheet);
  if (!first?.annex || !snapshot) return { file, unit: null, year: null };
  return { file, unit: reportingUnit(snapshot, first.annex.headerRow), year: first.annex.year };
}

/**
 * What the report calls a file's unit: the unit of the list it was identified as, with the title
 * block as written ("Xã Hữu Lũng (UBND XA HUU LUNG)"), or the title block alone when no unit of the
 * list fits.
 */
export function identifiedUnitText(
  written: string | null,
  label: string | undefined
): string | null {
  if (!label) return written;
  if (!written || written.toLowerCase() === label.toLowerCase()) return label;
  return `${label} (${written})`;
}
