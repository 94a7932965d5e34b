import { readFileSync } from "fs";

/** Namespaces of the manifest's parts. */
export const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
export const OV = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";

/** A manifest parsed with the page's DOMParser (jsdom in tests): a malformed file has a <parsererror>. */
export function readManifest(file: string): { doc: Document; text: string } {
  const text = readFileSync(file, "utf8");
  return { doc: new DOMParser().parseFromString(text, "application/xml"), text };
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = "89504e470d0a1a0a";
  if (
    bytes.subarray(0, 8).toString("hex") !== signature ||
    bytes.subarray(12, 16).toString("ascii") !== "IHDR"
  ) {
    throw new Error("not a PNG file");
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
