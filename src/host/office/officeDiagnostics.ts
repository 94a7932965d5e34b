import type { Bilingual } from "../../domain";
import type { HostCapabilities, HostDiagnostics } from "../annexHost";
import { errorCode, runOn } from "./officeErrors";
import type { OfficeEnvironment, OfficeRuntime } from "./officeRuntime";

/**
 * "Kiểm tra môi trường / Diagnostics": which Excel this is (build, platform, API sets, webview,
 * language), and how it behaves where no document says, found by harmless probes on a scratch sheet
 * the probe removes afterwards. The first officers to run the add-in copy the report to us; the host
 * uses what the probe found from then on (officeInsert: no fit to one page wide where it is refused).
 */

/** The scratch sheet: very hidden while it lives, never watched for edits, deleted at the end. */
export const PROBE_SHEET = "_annex_probe";
/** A sheet name no workbook has, for the null-object probe. */
const MISSING = "_annex_no_such_sheet";

export interface ExcelBeliefs {
  /** A method called on a null object: another null object, or ItemNotFound. */
  readonly nullCalls: "null-object" | "throws" | "unknown";
  /** A formula showing "": part of getUsedRange(valuesOnly) or not. */
  readonly emptyFormulas: "used" | "unused" | "unknown";
  /** PageLayout.zoom = { verticalFitToPages: 0 }: accepted, refused, or not tried (before 1.9). */
  readonly pageFit: "accepted" | "refused" | "not-probed" | "unknown";
}

export const UNPROBED: ExcelBeliefs = {
  nullCalls: "unknown",
  emptyFormulas: "unknown",
  pageFit: "unknown",
};

/** Probes each belief (4–6 syncs); the scratch sheet is removed whatever happens. */
export async function probeBeliefs(
  runtime: OfficeRuntime,
  caps: HostCapabilities
): Promise<ExcelBeliefs> {
  let nullCalls: ExcelBeliefs["nullCalls"] = "unknown";
  let emptyFormulas: ExcelBeliefs["emptyFormulas"] = "unknown";
  let pageFit: ExcelBeliefs["pageFit"] = caps.pageLayout ? "unknown" : "not-probed";
  try {
    await runOn(runtime, PROBE_SHEET, async (context) => {
      const sheets = context.workbook.worksheets;
      const left = sheets.getItemOrNullObject(PROBE_SHEET).load("name");
      await context.sync();
      if (!left.isNullObject) left.delete(); // a probe that was cut short
      const scratch = sheets.add(PROBE_SHEET);
      scratch.visibility = "VeryHidden" as Excel.SheetVisibility;
      scratch.getRange("A1:B1").formulas = [[1, '=IF(A1=1,"","x")']];
      const used = scratch.getUsedRangeOrNullObject(true).load("columnCount");
      await context.sync();
      emptyFormulas = !used.isNullObject && used.columnCount === 2 ? "used" : "unused";
    });
    nullCalls = await runtime
      .run(async (context) => {
        const chained = context.workbook.worksheets
          .getItemOrNullObject(MISSING)
          .getUsedRangeOrNullObject(true)
          .load("address");
        await context.sync();
        return chained.isNullObject ? ("null-object" as const) : ("unknown" as const);
      })
      .catch((e: unknown) => (errorCode(e) === "ItemNotFound" ? "throws" : "unknown"));
    if (caps.pageLayout)
      pageFit = await runtime
        .run(async (context) => {
          const page = context.workbook.worksheets.getItem(PROBE_SHEET).pageLayout;
          page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
          await context.sync();
          return "accepted" as const;
        })
        .catch(() => "refused" as const);
  } finally {
    await runtime
      .run(async (context) => {
        const left = context.workbook.worksheets.getItemOrNullObject(PROBE_SHEET);
        left.load("name");
        await context.sync();
        if (left.isNullObject) return;
        left.delete();
        await context.sync();
      })
      .catch(() => undefined);
  }
  return { nullCalls, emptyFormulas, pageFit };
}

/** The ExcelApi versions this Excel supports, 1.1 up to the highest (known up to 1.30). */
export function excelApiSets(runtime: OfficeRuntime): string[] {
  const out: string[] = [];
  for (let minor = 1; minor <= 30; minor++) {
    if (!runtime.isSetSupported("ExcelApi", `1.${minor}`)) break;
    out.push(`1.${minor}`);
  }
  return out;
}

const BELIEF_TEXT: {
  [K in keyof ExcelBeliefs]: { title: Bilingual } & Record<ExcelBeliefs[K], Bilingual>;
} = {
  nullCalls: {
    title: { vi: "Gọi hàm trên đối tượng null", en: "Calls on a null object" },
    "null-object": { vi: "trả về đối tượng null", en: "give another null object" },
    throws: { vi: "báo lỗi ItemNotFound", en: "throw ItemNotFound" },
    unknown: { vi: "không xác định được", en: "could not be told" },
  },
  emptyFormulas: {
    title: { vi: 'Công thức hiện ""', en: 'Formulas showing ""' },
    used: { vi: "được tính là ô đã dùng", en: "count as used cells" },
    unused: { vi: "không được tính là ô đã dùng", en: "do not count as used cells" },
    unknown: { vi: "không xác định được", en: "could not be told" },
  },
  pageFit: {
    title: {
      vi: "Vừa một trang ngang (verticalFitToPages: 0)",
      en: "Fit one page wide (verticalFitToPages: 0)",
    },
    accepted: { vi: "Excel nhận", en: "accepted" },
    refused: { vi: "Excel từ chối", en: "refused" },
    "not-probed": { vi: "không thử (cần ExcelApi 1.9)", en: "not tried (needs ExcelApi 1.9)" },
    unknown: { vi: "không xác định được", en: "could not be told" },
  },
};

/** The report: one line per fact, Vietnamese and English, and the text to copy. */
export function diagnosticReport(
  environment: OfficeEnvironment,
  sets: readonly string[],
  beliefs: ExcelBeliefs
): HostDiagnostics {
  const unknown = { vi: "không rõ", en: "unknown" };
  const or = (v: string | undefined, lang: "vi" | "en") => v || unknown[lang];
  const highest = sets[sets.length - 1];
  const lines: Bilingual[] = [
    {
      vi: `Excel: bản ${or(environment.build, "vi")}, ${or(environment.platform, "vi")}; ngôn ngữ ${or(environment.language, "vi")}`,
      en: `Excel: build ${or(environment.build, "en")}, ${or(environment.platform, "en")}; language ${or(environment.language, "en")}`,
    },
    {
      vi: `ExcelApi: ${highest ? `1.1–${highest}` : "không có"}`,
      en: `ExcelApi: ${highest ? `1.1–${highest}` : "none"}`,
    },
    {
      vi: `Trình duyệt của add-in: ${or(environment.webview, "vi")}`,
      en: `Add-in webview: ${or(environment.webview, "en")}`,
    },
  ];
  for (const key of Object.keys(BELIEF_TEXT) as Array<keyof ExcelBeliefs>) {
    const text = BELIEF_TEXT[key] as { title: Bilingual } & Record<string, Bilingual>;
    const found = text[beliefs[key]];
    lines.push({ vi: `${text.title.vi}: ${found.vi}`, en: `${text.title.en}: ${found.en}` });
  }
  const text = [
    "Biểu chỉ tiêu — kiểm tra môi trường / diagnostics",
    ...lines.map((l) => `${l.vi} / ${l.en}`),
    `beliefs: ${JSON.stringify(beliefs)}`,
  ].join("\n");
  return { lines, text };
}
