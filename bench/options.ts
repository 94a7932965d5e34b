import { existsSync } from "fs";
import * as path from "path";

/**
 * `npm run bench -- --quick`: every part of the benchmark (every module it loads, the test fixtures
 * included) on small inputs, in well under a minute, with Chromium only for the files tab's 6 files
 * (when a build left dist/addin). CI runs it right after the build
 * (.ci/run), so a build that leaves the benchmark unable to start fails there. Its figures are not
 * compared with the goals.
 */
export const QUICK = process.argv.includes("--quick");

/** The project's folder, from bench/ under ts-node or dist/cli/bench once compiled. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "bin", "annex.js")) && path.dirname(dir) !== dir)
    dir = path.dirname(dir);
  return dir;
})();

/** The `annex` command as a user runs it (ANNEX_BIN to time another build). */
export const ANNEX_BIN = process.env.ANNEX_BIN ?? path.join(ROOT, "bin", "annex.js");
