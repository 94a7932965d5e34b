import { toA1 } from "../../../src/domain";
import type { Highlight } from "../../../src/host/annexHost";
import { markBlocks } from "../../../src/host/office/highlights";
import { PAYLOAD_LIMIT } from "../fixtures/excelBackend/server";
import { ConditionalFormat, parseAddress, Sheet } from "../fixtures/excelBackend/workbook";
import { officeHostOn } from "../fixtures/officeAnnex";

/**
 * Highlights on the real Office.js client library: grouped into rectangles per severity, split so no
 * request passes Excel on the web's 5 MB, and our own conditional formats deleted by id, never the
 * user's rules.
 */

const SHEET = "Biểu 01 - 2023";
const SEVERITIES: Highlight["severity"][] = ["error", "warning", "info"];

function ours(sheet: Sheet): ConditionalFormat[] {
  return sheet.conditionalFormats.filter((f) => f.formula.includes("annex:highlight"));
}

/** The severity each cell is marked with, from the conditional formats the sheet holds. */
function markedCells(sheet: Sheet): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of ours(sheet)) {
    const severity = /annex:highlight:(\w+)/.exec(f.formula)?.[1] ?? "?";
    for (let r = f.rect.r0; r <= f.rect.r1; r++)
      for (let c = f.rect.c0; c <= f.rect.c1; c++) {
        const a = toA1(r, c);
        out.set(a, [...(out.get(a) ?? []), severity]);
      }
  }
  return out;
}

/** Scattered marks: no two adjacent, so none can share a conditional format. */
function scattered(n: number): Highlight[] {
  return Array.from({ length: n }, (_, i) => ({
    address: toA1(10 + 2 * Math.floor(i / 6), 3 + 2 * (i % 6)),
    severity: SEVERITIES[i % 3],
  }));
}

function userRule(sheet: Sheet, id: string, address: string): ConditionalFormat {
  const rule = {
    id,
    type: "Custom",
    rect: parseAddress(address),
    formula: `=${address.split(":")[0]}>100`,
    fill: "#0000FF",
    fontColor: null,
  };
  sheet.conditionalFormats.push(rule);
  return rule;
}

describe("highlights under Excel on the web's 5 MB", () => {
  test.each([1000, 5000])(
    "%i scattered marks: every request under 5 MB, each cell marked once with its severity",
    async (n) => {
      const { backend, host } = officeHostOn("1.7");
      const sheet = backend.workbook.addSheet(SHEET);
      const marks = scattered(n);
      backend.resetLog();
      await host.highlight(SHEET, marks);
      const log = backend.log;
      expect(log.refused).toBe(0);
      expect(Math.max(...log.sizes)).toBeLessThan(PAYLOAD_LIMIT);
      const marked = markedCells(sheet);
      expect(marked.size).toBe(n);
      for (const m of marks) expect(marked.get(m.address)).toEqual([m.severity]);
      // One sync to learn which formats are ours, then one per part of about 4 MB.
      const perMark = (log.requestBytes - log.sizes[0]) / n;
      expect(perMark).toBeGreaterThan(1000);
      expect(log.syncs).toBe(1 + Math.ceil((n * perMark) / (PAYLOAD_LIMIT * 0.8)));
      console.log(
        `${n} scattered marks: ${log.syncs} syncs, ${(log.requestBytes / 1e6).toFixed(2)} MB sent, largest request ${(Math.max(...log.sizes) / 1e6).toFixed(2)} MB, ${Math.round(perMark)} B a mark`
      );

      // Run twice, the same marks: the same conditional formats, none added on top.
      const before = JSON.stringify(markedCells(sheet));
      await host.highlight(SHEET, marks);
      expect(JSON.stringify(markedCells(sheet))).toBe(before);
      expect(ours(sheet)).toHaveLength(n);
    },
    120_000
  );

  test("marks in runs become one conditional format per rectangle and severity; the most serious wins on a cell", async () => {
    const { backend, host } = officeHostOn("1.7");
    const sheet = backend.workbook.addSheet(SHEET);
    const marks: Highlight[] = [];
    for (let r = 11; r < 1011; r++) {
      marks.push({ address: toA1(r, 4), severity: "error" }); // E12:E1011
      marks.push({ address: toA1(r, 6), severity: "warning" }); // G12:G1011
    }
    marks.push({ address: "G20", severity: "error" }); // G20 is an error, not a warning
    marks.push({ address: "I12:J13", severity: "info" });
    backend.resetLog();
    await host.highlight(SHEET, marks);
    expect(backend.log.syncs).toBe(2);
    expect(backend.log.requestBytes).toBeLessThan(30_000);
    const rects = ours(sheet)
      .map(
        (f) =>
          `${f.formula.replace(/.*:(\w+)"\)$/, "$1")} ${toA1(f.rect.r0, f.rect.c0)}:${toA1(f.rect.r1, f.rect.c1)}`
      )
      .sort();
    expect(rects).toEqual([
      "error E12:E1011",
      "error G20:G20",
      "info I12:J13",
      "warning G12:G19",
      "warning G21:G1011",
    ]);
    expect(markedCells(sheet).get("G20")).toEqual(["error"]);
  });

  test("markBlocks refuses an address that is not one", () => {
    expect(() => markBlocks([{ address: "not a cell", severity: "error" }])).toThrow(
      /Not a cell address: not a cell/
    );
  });
});

describe("our conditional formats are deleted by id, never the user's", () => {
  test("the user's rules after ours, between ours and before ours stay; ours all go", async () => {
    const { backend, host } = officeHostOn("1.7");
    const sheet = backend.workbook.addSheet(SHEET);
    userRule(sheet, "{user-1}", "E12:E20");
    await host.highlight(SHEET, scattered(4));
    userRule(sheet, "{user-2}", "F12:F20");
    await host.highlight(SHEET, [
      ...scattered(4),
      { address: "Z100", severity: "error" },
      { address: "Z102", severity: "info" },
    ]);
    userRule(sheet, "{user-3}", "G12:G20");
    // Ours are now at indexes 1–6 of 8: deleting by index would shift onto user-2 and user-3.
    const users = sheet.conditionalFormats.filter((f) => f.id.startsWith("{user"));
    const order = sheet.conditionalFormats.map((f) => (f.id.startsWith("{user") ? f.id : "ours"));
    expect(order.filter((x) => x === "ours")).toHaveLength(6);
    expect(order.indexOf("{user-3}")).toBe(order.length - 1);

    backend.resetLog();
    await host.clearHighlights(SHEET);
    expect(sheet.conditionalFormats).toEqual(users);
    expect(backend.calls.filter((c) => c === "ConditionalFormat.Delete")).toHaveLength(6);
    expect(backend.calls).not.toContain("ConditionalFormatCollection.GetItemAt");
  });

  test("on a sheet protected without a password: marks added, the protection put back as it was", async () => {
    const { backend, host } = officeHostOn("1.7");
    const sheet = backend.workbook.addSheet(SHEET);
    const options = { allowFormatCells: true, allowInsertRows: true };
    sheet.protection = { protected: true, options: { ...options } };
    await host.highlight(SHEET, scattered(10));
    expect(ours(sheet)).toHaveLength(10);
    expect(sheet.protection).toEqual({ protected: true, options });
    await host.clearHighlights(SHEET);
    expect(ours(sheet)).toHaveLength(0);
    expect(sheet.protection).toEqual({ protected: true, options });
  });

  test("with a password: said so, nothing marked", async () => {
    const { backend, host } = officeHostOn("1.7");
    const sheet = backend.workbook.addSheet(SHEET);
    sheet.protection = { protected: true, options: {}, password: "x" };
    await expect(host.highlight(SHEET, scattered(3))).rejects.toMatchObject({
      problem: "password-protected",
    });
    expect(ours(sheet)).toHaveLength(0);
  });
});
