import { execFile } from "child_process";
import { existsSync } from "fs";
import * as path from "path";
import { promisify } from "util";
import { tempDir } from "../helpers/cli";
import { writeSampleAnnex } from "../helpers/workbooks";

/** The installed `annex` bin, as a separate process: exit status and output as a shell sees them. */
const run = promisify(execFile);
const bin = path.join(__dirname, "../../bin/annex.js");
const compiled = path.join(__dirname, "../../dist/cli/src/cli/main.js");

test("bin/annex.js runs the compiled command and passes its exit status on", async () => {
  expect(existsSync(compiled) || "run `npm run build` first (npm test does)").toBe(true);
  const file = await writeSampleAnnex(tempDir());
  const ok = await run("node", [bin, "check", file, "--json"]);
  const report = JSON.parse(ok.stdout);
  expect(report.totals).toMatchObject({ files: 1, unreadable: 0, error: 0 });

  const missing = await run("node", [
    bin,
    "check",
    path.join(tempDir(), "none.xlsx"),
    "--lang",
    "en",
  ]).catch((e: { code: number; stdout: string }) => e);
  expect("code" in missing && missing.code).toBe(2);
  expect(missing.stdout).toMatch(/File ".*none\.xlsx" does not exist\./);
});
