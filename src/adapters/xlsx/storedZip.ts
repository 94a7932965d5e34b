import * as zlib from "zlib";

/**
 * A zip of parts already unpacked, each stored as it is (no compression), written in one buffer.
 * budgetedParts has unpacked every part of a workbook (natively) to measure and trim it: handing
 * ExcelJS those parts stored spares it unpacking them all again with JSZip's JavaScript inflate,
 * about a sixth of reading an annex, and more in the pane's workers, whose ExcelJS inflates in
 * JavaScript too. Names are UTF-8 (flag bit 11); sizes stay under 4 GB since a workbook's parts are
 * budgeted to 400 MB in all (ZIP_BUDGET).
 */
export function storedZip(parts: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const named = [...parts].map(([name, data]) => ({ name: encoder.encode(name), data }));
  let size = 22;
  for (const { name, data } of named) size += 30 + name.length + data.length + 46 + name.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  const crcs: number[] = [];
  let at = 0;
  for (const { name, data } of named) {
    const crc = crc32(data);
    offsets.push(at);
    crcs.push(crc);
    view.setUint32(at, 0x04034b50, true);
    header(view, at + 4, crc, data.length, name.length);
    out.set(name, at + 30);
    out.set(data, at + 30 + name.length);
    at += 30 + name.length + data.length;
  }
  const directory = at;
  named.forEach(({ name, data }, k) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // made by: version 2.0
    header(view, at + 6, crcs[k], data.length, name.length);
    // comment length, disk, internal and external attributes: 0 (left as allocated)
    view.setUint32(at + 42, offsets[k], true);
    out.set(name, at + 46);
    at += 46 + name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, named.length, true);
  view.setUint16(at + 10, named.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}

/** The fields a local header and a directory entry share, from "version needed" to "extra length". */
function header(view: DataView, at: number, crc: number, size: number, nameLength: number): void {
  view.setUint16(at, 10, true); // version needed: 1.0 (stored)
  view.setUint16(at + 2, 0x0800, true); // names in UTF-8
  view.setUint16(at + 4, 0, true); // stored
  view.setUint16(at + 6, 0, true); // time 00:00
  view.setUint16(at + 8, 0x21, true); // date 1980-01-01
  view.setUint32(at + 10, crc, true);
  view.setUint32(at + 14, size, true); // compressed size
  view.setUint32(at + 18, size, true);
  view.setUint16(at + 22, nameLength, true);
  view.setUint16(at + 24, 0, true); // extra length
}

/**
 * CRC-32 of a part, as the format asks: Node's own (zlib.crc32, Node ≥ 20.15) where there is one; in
 * the browser (webpack gives an empty zlib) and an older Node, from the usual table.
 */
const crc32: (data: Uint8Array) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === "function"
    ? (data) => (zlib as unknown as { crc32: (d: Uint8Array) => number }).crc32(data)
    : tableCrc32;

let table: Uint32Array | undefined;

export function tableCrc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
