import { Template } from "../domain";
import type { BatchSenders } from "../domain/units";
import {
  CheckReportBook,
  fileStatus,
  fileUnit,
  identifiedUnitText,
  REPORT_TITLE,
  reportSenders,
  ReportFileRow,
  ReportFindingRow,
  reportSubtitle,
  severityText,
} from "../adapters/xlsx/reportRows";
import { reportWorkbookBytes } from "../adapters/xlsx/reportWorkbook";
import { refuseExisting, writeBytes } from "../adapters/xlsx/workbookFile";
import { withWorkbookLock } from "../adapters/xlsx/workbookLock";
import { countFindings, countsText, FileReport, fileCounts } from "./checkReport";

export { fileUnit };

/**
 * `annex check --report report.xlsx`: the rows of the report workbook, from the same FileReports the
 * table and --json print (so its counts are theirs), plus who sent each file.
 */

export function checkReportBook(
  reports: readonly FileReport[],
  units: ReadonlyMap<string, string | null>,
  templates: readonly Template[],
  today: Date,
  batch?: BatchSenders
): CheckReportBook {
  const unitOf = (file: string): string | null =>
    identifiedUnitText(units.get(file) ?? null, batch?.files.get(file)?.label);
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
      unit: unitOf(r.file),
      ...(batch?.files.get(r.file)?.label ? { label: batch.files.get(r.file)?.label } : {}),
      template: first ? (form ?? first.id) : null,
      year: first?.year ?? null,
      errors: r.problem ? null : counts.error,
      warnings: r.problem ? null : counts.warning,
      notes: r.problem ? null : counts.info,
      status: otherProvince(
        fileStatus(r.problem?.message, first !== null, counts.error),
        batch?.files.get(r.file)?.otherProvince?.vi
      ),
    };
  });
  const findings: ReportFindingRow[] = reports.flatMap((r) =>
    r.sheets.flatMap((s) =>
      s.findings.map((f) => ({
        file: r.file,
        unit: unitOf(r.file),
        sheet: s.sheet,
        cell: f.cells[0] ?? "",
        indicator: indicatorName(s.template?.id, f.indicatorCode),
        severity: severityText(f.severity),
        message: f.message.vi,
        expected: f.expected?.vi ?? "",
        found: f.found?.vi ?? "",
      }))
    )
  );
  const total = countFindings(reports.flatMap((r) => r.sheets.flatMap((s) => s.findings)));
  const senders = batch && reportSenders(batch);
  return {
    title: REPORT_TITLE,
    subtitle: reportSubtitle(today, reports.length, countsText(total, "vi")),
    files,
    findings,
    ...(senders ? { senders } : {}),
  };
}

/** A file of another province keeps its status, and says it is not counted. */
function otherProvince(status: string, reason: string | undefined): string {
  return reason ? `${status}; ${reason}` : status;
}

/**
 * Writes the report workbook (through a temporary file, never half-written), under the project's lock
 * and refused if another command made the file meanwhile (issue #19).
 */
export async function writeCheckReport(file: string, book: CheckReportBook): Promise<void> {
  const bytes = await reportWorkbookBytes(book);
  await withWorkbookLock(file, "check --report", async () => {
    await refuseExisting(file);
    await writeBytes(file, bytes);
  });
}
