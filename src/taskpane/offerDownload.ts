/** The type of an .xlsx file, for a download. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Offers bytes or a text as a file download through a link clicked once: nothing leaves the computer.
 * The pane (Tổng hợp's workbook, a learned template's .json) and the preview's "Tải xuống" share it.
 */
export function offerDownload(data: Uint8Array | string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
