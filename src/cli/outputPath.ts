import { promises as fs } from "fs";
import * as path from "path";
import { refuseExisting, WorkbookFileError, writeTarget } from "../adapters/xlsx/workbookFile";
import { UsageError } from "./io";

/**
 * A file a command will write (-o, --report), checked before any work is done (#17): a name that is
 * empty or does not end in .xlsx is refused as a usage mistake (`check --report bc.csv` wrote a
 * workbook under a .csv name that nothing opens as such), a folder that does not exist or cannot be
 * written, and an existing file, are refused before a single workbook is read. `--report ""` failed
 * only after checking everything.
 */
export async function newOutputFile(option: "-o" | "--report", value: string): Promise<string> {
  if (!value.trim())
    throw new UsageError({
      vi: `${option} cần tên tệp .xlsx để ghi, ví dụ ${option} bao-cao.xlsx.`,
      en: `${option} needs a .xlsx file name to write, for example ${option} report.xlsx.`,
    });
  // A folder, or a file already there, is named as such first.
  await refuseExisting(value);
  if (!/\.xlsx$/i.test(value)) {
    const ext = path.extname(value);
    const suggested = `${ext ? value.slice(0, -ext.length) : value}.xlsx`;
    throw new UsageError({
      vi: `${option} "${value}": tệp ghi ra là sổ Excel, tên phải có đuôi .xlsx (ví dụ "${suggested}").`,
      en: `${option} "${value}": the file written is an Excel workbook, so its name must end in .xlsx (for example "${suggested}").`,
    });
  }
  const dir = path.dirname(path.resolve(value));
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory())
    throw new WorkbookFileError("unwritable", value, {
      vi: `Không có thư mục "${path.dirname(value)}" để ghi "${value}". Hãy tạo thư mục đó trước, hoặc chọn chỗ khác.`,
      en: `There is no folder "${path.dirname(value)}" to write "${value}" in. Create it first, or choose another place.`,
    });
  // A read-only folder is refused now, not after the work.
  await writeTarget(value);
  return value;
}
