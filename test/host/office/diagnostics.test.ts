import { buildAnnexLayout } from "../../../src/domain";
import { OfficeHost } from "../../../src/host/office/officeHost";
import { supportsUpTo } from "../../../src/host/office/officeRuntime";
import { PROBE_SHEET } from "../../../src/host/office/officeDiagnostics";
import { template } from "../../helpers/annex";
import { OfficeJsTestBackend } from "../fixtures/excelBackend/server";
import { cellsOf, syntheticWorkbook } from "../fixtures/officeAnnex";

/**
 * "Kiểm tra môi trường / Diagnostics" on the backend: the probe tells each undocumented behaviour the
 * way the backend is switched, leaves the workbook as it was, and the host goes by what it found.
 */

const SWITCHES = {
  EXCEL_NULL_CALLS: "throw",
  EXCEL_EMPTY_FORMULAS: "unused",
  EXCEL_PAGE_FIT: "refuse",
} as const;

async function withSwitches<T>(on: boolean, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(SWITCHES).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(SWITCHES)) {
    if (on) process.env[k] = v;
    else delete process.env[k];
  }
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function hostWithEnvironment(backend: OfficeJsTestBackend, version = "1.14"): OfficeHost {
  return new OfficeHost({
    run: backend.run,
    isSetSupported: supportsUpTo(version),
    environment: () => ({
      build: "16.0.17928.20114",
      platform: "PC",
      language: "vi-VN",
      webview: "Mozilla/5.0 … Edg/120.0",
    }),
  });
}

describe.each([false, true])("the diagnostic, backend switches on their other side: %s", (on) => {
  test("reports this Excel and what each probe found, and leaves the workbook as it was", async () => {
    await withSwitches(on, async () => {
      const w = syntheticWorkbook(10);
      const host = hostWithEnvironment(w.backend);
      const names = w.backend.workbook.sheets.map((s) => s.name);
      const before = cellsOf(w.backend.workbook.get(w.snapshot.name));

      const report = await host.diagnose();

      expect(w.backend.workbook.sheets.map((s) => s.name)).toEqual(names);
      expect(w.backend.workbook.find(PROBE_SHEET)).toBeUndefined();
      expect(cellsOf(w.backend.workbook.get(w.snapshot.name))).toEqual(before);
      const vi = report.lines.map((l) => l.vi);
      const en = report.lines.map((l) => l.en);
      expect(vi[0]).toBe("Excel: bản 16.0.17928.20114, PC; ngôn ngữ vi-VN");
      expect(en[1]).toBe("ExcelApi: 1.1–1.14");
      expect(en[2]).toBe("Add-in webview: Mozilla/5.0 … Edg/120.0");
      expect(en.slice(3)).toEqual([
        `Calls on a null object: ${on ? "throw ItemNotFound" : "give another null object"}`,
        `Formulas showing "": ${on ? "do not count as used cells" : "count as used cells"}`,
        `Fit one page wide (verticalFitToPages: 0): ${on ? "refused" : "accepted"}`,
      ]);
      expect(report.text).toContain("Biểu chỉ tiêu — kiểm tra môi trường / diagnostics");
      expect(report.text).toContain(`${vi[4]} / ${en[4]}`);
    });
  });

  test("the host goes by it: where the fit to one page wide is refused, insert does not try it", async () => {
    await withSwitches(on, async () => {
      const backend = new OfficeJsTestBackend();
      backend.workbook.addSheet("Sheet1");
      const host = hostWithEnvironment(backend);
      await host.diagnose();
      await host.listSheets();
      backend.resetLog();
      const layout = buildAnnexLayout(template(), { year: 2023 });
      expect(await host.insertAnnex(layout)).toEqual({ sheet: layout.sheetName, skipped: [] });
      // The name and metadata; the sheet; its identity beside its record; validation and page
      // layout: no refused try on the way.
      expect(backend.log.syncs).toBe(4);
      expect(backend.workbook.get(layout.sheetName).pageLayout.Zoom).toEqual(
        on ? undefined : { horizontalFitToPages: 1, verticalFitToPages: 0 }
      );
    });
  });
});

test("Excel 2019 (ExcelApi 1.7): page layout is not probed, and said so", async () => {
  const w = syntheticWorkbook(10, "1.7");
  const report = await w.host.diagnose();
  expect(report.lines.map((l) => l.en)).toContain(
    "Fit one page wide (verticalFitToPages: 0): not tried (needs ExcelApi 1.9)"
  );
  expect(report.lines[1].en).toBe("ExcelApi: 1.1–1.7");
  expect(report.lines[0].en).toBe("Excel: build unknown, unknown; language unknown");
  expect(w.backend.workbook.find(PROBE_SHEET)).toBeUndefined();
});
