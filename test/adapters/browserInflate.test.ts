import JSZip from "jszip";
import { budgetedParts } from "../../src/adapters/xlsx/budgetedParts";
import { browserInflateRaw } from "../../src/adapters/xlsx/browserInflate";
import { workbookSnapshots } from "../../src/adapters/xlsx/readSheet";
import { storedZip } from "../../src/adapters/xlsx/storedZip";
import { workbookFromBytes } from "../../src/adapters/xlsx/workbookFromBytes";
import { ZIP_BUDGET } from "../../src/adapters/xlsx/workbookBytes";
import { cleanAnnexBytes, deflated, rawZip } from "../reliability/inputs";

/**
 * The pane's workers read a file as annex check does, with the browser's inflate (DecompressionStream,
 * which Node has too) in place of zlib and every part handed to ExcelJS unpacked (storedZip): the
 * same sheets, and the same refusals of a part that unpacks past its budget or is damaged.
 */
const inflateRaw = browserInflateRaw();

describe("the browser's inflate in annex check's read path", () => {
  it("exists here (Node 20, like Chromium, has deflate-raw)", () => {
    expect(inflateRaw).toBeDefined();
  });

  it("reads an annex to the very snapshots zlib's path gives, each part inflated once", async () => {
    const bytes = await cleanAnnexBytes();
    const viaZlib = await workbookFromBytes("a.xlsx", bytes, { cellsOnly: true });
    const viaBrowser = await workbookFromBytes("a.xlsx", bytes, {
      cellsOnly: true,
      ...(inflateRaw ? { inflateRaw } : {}),
    });
    if ("problem" in viaZlib || "problem" in viaBrowser) throw new Error("not read");
    expect(workbookSnapshots(viaBrowser.workbook)).toEqual(workbookSnapshots(viaZlib.workbook));
    // what ExcelJS got stores every part (nothing left to inflate), with right CRCs
    const parts = await budgetedParts("a.xlsx", bytes, {
      readOnly: true,
      ...(inflateRaw ? { inflateRaw } : {}),
    });
    if ("problem" in parts) throw new Error(parts.text.en);
    const zip = await JSZip.loadAsync(parts.bytes, { checkCRC32: true });
    const original = await JSZip.loadAsync(bytes);
    const names = (z: JSZip) =>
      Object.keys(z.files)
        .filter((n) => !z.files[n].dir)
        .sort();
    expect(names(zip)).toEqual(names(original));
    for (const name of names(zip))
      expect(await zip.files[name].async("uint8array")).toEqual(
        await original.files[name].async("uint8array")
      );
  });

  it("stops a part that unpacks past its budget, and a damaged one, in zlib's words", async () => {
    const budget = { ...ZIP_BUDGET, part: 1000, total: 4000 };
    // declares 10 bytes, unpacks to 5,000
    const liar = rawZip([deflated("xl/workbook.xml", Buffer.alloc(5000, 0x20), 10)]);
    const damaged = rawZip([
      {
        ...deflated("xl/workbook.xml", Buffer.from("<workbook/>")),
        data: Buffer.from([0xff, 0xff, 0xff]),
      },
    ]);
    for (const bytes of [liar, damaged]) {
      const viaZlib = await budgetedParts("b.xlsx", bytes, { readOnly: true }, budget);
      const viaBrowser = await budgetedParts(
        "b.xlsx",
        bytes,
        { readOnly: true, ...(inflateRaw ? { inflateRaw } : {}) },
        budget
      );
      expect("problem" in viaZlib && viaZlib.problem).toBe(
        bytes === liar ? "too-large" : "corrupt"
      );
      expect("problem" in viaBrowser && viaBrowser.problem).toBe(
        "problem" in viaZlib && viaZlib.problem
      );
      if (bytes === liar) expect(viaBrowser).toEqual(viaZlib);
    }
  });

  it("storedZip: a zip JSZip reads back with its CRCs checked, names in UTF-8", async () => {
    const parts = new Map<string, Uint8Array>([
      ["xl/workbook.xml", new TextEncoder().encode("<workbook/>")],
      ["xl/worksheets/trang tính 1.xml", new Uint8Array([1, 2, 3, 250])],
      ["empty", new Uint8Array(0)],
    ]);
    const zip = await JSZip.loadAsync(storedZip(parts), { checkCRC32: true });
    for (const [name, data] of parts)
      expect(await zip.file(name)?.async("uint8array")).toEqual(data);
  });
});
