import { execFile } from "child_process";
import { existsSync, mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import { promisify } from "util";

/**
 * LibreOffice headless as a referee: it opens the workbooks we wrote, recalculates every formula
 * (the profile says "always recalculate" for OOXML, otherwise it would keep our cached results) and
 * saves them again, so the results can be compared with the engine's.
 */
const run = promisify(execFile);

export function sofficePath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "soffice");
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Recalculates `files` in LibreOffice and writes them (same names) into `outDir`. */
export async function recalculate(files: readonly string[], workDir: string): Promise<string> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("soffice (LibreOffice) is not installed");
  const profile = path.join(workDir, "lo-profile");
  mkdirSync(path.join(profile, "user"), { recursive: true });
  writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), PROFILE);
  const outDir = path.join(workDir, "recalculated");
  mkdirSync(outDir, { recursive: true });
  await run(
    soffice,
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      ...files,
    ],
    { timeout: 180_000 }
  );
  for (const f of files) {
    if (!existsSync(path.join(outDir, path.basename(f))))
      throw new Error(`LibreOffice did not write ${path.basename(f)}`);
  }
  return outDir;
}
