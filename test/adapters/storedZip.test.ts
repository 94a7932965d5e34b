import fc from "fast-check";
import JSZip from "jszip";
import { crc32 } from "zlib";
import { storedZip, tableCrc32 } from "../../src/adapters/xlsx/storedZip";
import { zipEntries } from "../../src/adapters/xlsx/workbookBytes";

/** The zip budgetedParts hands ExcelJS when it changed nothing: the parts it unpacked, stored. */
test("a stored zip holds every part as given, in order, with names in UTF-8 and true CRCs", async () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const parts = new Map<string, Uint8Array>([
    ["[Content_Types].xml", enc('<?xml version="1.0"?><Types/>')],
    ["xl/workbook.xml", enc("<workbook><sheets/></workbook>")],
    ["xl/worksheets/sheet1.xml", enc("<worksheet><t>Chỉ tiêu thuận ≥ 85</t></worksheet>")],
    ["xl/media/ảnh.bin", new Uint8Array([0, 255, 1, 254, 0x50, 0x4b])],
    ["docProps/empty.xml", new Uint8Array(0)],
  ]);
  const bytes = storedZip(parts);

  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const names = Object.values(zip.files).map((f) => f.name);
  expect(names).toEqual([...parts.keys()]);
  for (const [name, data] of parts) expect(await zip.file(name)?.async("uint8array")).toEqual(data);

  // The project's own directory reader (sizes, methods) agrees.
  const entries = zipEntries(bytes) ?? [];
  expect(entries.map((e) => [e.name, e.method, e.size, e.compressedSize])).toEqual(
    [...parts].map(([name, data]) => [name, 0, data.length, data.length])
  );
});

test("the table CRC-32 the browser uses equals Node's own on any bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4096 }), (data) => {
      expect(tableCrc32(data)).toBe(crc32(data));
    })
  );
});
