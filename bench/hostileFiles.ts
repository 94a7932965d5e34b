import * as zlib from "zlib";
import JSZip from "jszip";

/**
 * Hostile workbooks, byte by byte, for the reliability catalogue (test/reliability) and the bench:
 * zips that lie about their sizes, a part that unpacks to 210 MB, a sheet used to row 1,048,576.
 */
export const SHEET1 = "xl/worksheets/sheet1.xml";

/** One part of a zip as this writer lays it out; `size` may lie about what `data` unpacks to. */
export interface RawPart {
  readonly name: string;
  /** Already compressed when method is 8. */
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  readonly size: number;
  readonly crc?: number;
}

/** The parts of a zip (an .xlsx), unpacked: name and bytes, folders left out. */
export async function zipParts(bytes: Buffer): Promise<Array<[string, Buffer]>> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  return Promise.all(
    names.map(async (n) => [n, await zip.files[n].async("nodebuffer")] as [string, Buffer])
  );
}

/**
 * A zip's parts written again as a raw zip, with `replace` choosing what to write for each part (the
 * part as it was, deflated, when it returns undefined).
 */
export async function rebuiltZip(
  bytes: Buffer,
  replace: (name: string, data: Buffer) => RawPart | undefined
): Promise<Buffer> {
  const parts = await zipParts(bytes);
  return rawZip(parts.map(([n, d]) => replace(n, d) ?? deflated(n, d)));
}

/** A zip file written byte by byte, so a case can make it lie (declared sizes) or break it. */
export function rawZip(parts: readonly RawPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc ?? 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(Math.min(p.size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(p.data));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(p.method, 10);
    dir.writeUInt32LE(p.crc ?? 0, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(Math.min(p.size, 0xffffffff), 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

export function deflated(name: string, data: Buffer, size = data.length): RawPart {
  return { name, data: zlib.deflateRawSync(data), method: 8, size, crc: crcOf(data) };
}

function crcOf(data: Buffer): number {
  const crc32 = (zlib as unknown as { crc32?: (d: Buffer) => number }).crc32;
  return crc32 ? crc32(data) : 0;
}

let bomb: Promise<Buffer> | undefined;

/**
 * Deflated XML that unpacks to 210 MB (just over the 200 MB a part may take): rows of empty cells,
 * compressed once per run in 1 MB chunks of the same text.
 */
export function bombStream(): Promise<Buffer> {
  bomb ??= sheetStream(210 * 1024 * 1024, `<row r="1"><c r="A1" s="1"/></row>`).then((s) => s.data);
  return bomb;
}

/** A worksheet part of about `bytes` unpacked, repeating `row`, deflated as it is written. */
export function sheetStream(bytes: number, row: string): Promise<{ data: Buffer; size: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)));
    const deflate = zlib.createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    const head = Buffer.from(
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    );
    const tail = Buffer.from("</sheetData></worksheet>");
    let written = head.length;
    deflate.on("data", (b: Buffer) => out.push(b));
    deflate.on("end", () => resolve({ data: Buffer.concat(out), size: written + tail.length }));
    deflate.on("error", reject);
    deflate.write(head);
    const write = () => {
      while (written < bytes) {
        written += chunk.length;
        if (!deflate.write(chunk)) return void deflate.once("drain", write);
      }
      deflate.end(tail);
    };
    write();
  });
}

/**
 * A sheet part grown with empty, styled rows after its last row down to row `last` (1,048,576: what a
 * sheet formatted to its bottom looks like), every row written as a file has them.
 */
export function growToLastRow(name: string, data: Buffer, last = 1_048_576): RawPart {
  const xml = data.toString("utf8");
  const lastRow = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
  const rows: string[] = [];
  for (let r = lastRow + 1; r <= last; r++)
    rows.push(`<row r="${r}"><c r="A${r}" s="1"/><c r="L${r}" s="1"/></row>`);
  const grown = xml
    .replace("</sheetData>", rows.join("") + "</sheetData>")
    .replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:M${last}"/>`);
  return deflated(name, Buffer.from(grown, "utf8"));
}
