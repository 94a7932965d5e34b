import { existsSync } from "fs";
import * as path from "path";

/**
 * The team's ../shared folder beside the project (the seeds, Microsoft's manifest schemas). A clone on
 * its own has none: a test that reads it is skipped there, and names what it would need. On CI
 * (CI=true) the folder is required: the test runs and fails on a missing file.
 */
export const SHARED = path.resolve(__dirname, "../../../shared");

export const onCi = process.env.CI === "true";

/** The path of a file of ../shared ("seeds/000_….txt"). */
export function sharedPath(relative: string): string {
  return path.join(SHARED, relative);
}

/** Whether the file is here (always true on CI: there a missing file must fail the test). */
export function sharedHere(relative: string): boolean {
  return onCi || existsSync(sharedPath(relative));
}

/** `test`, or `test.skip` when ../shared lacks the file outside CI. */
export function testWithShared(relative: string): jest.It {
  return sharedHere(relative) ? test : test.skip;
}

/** A test's title, saying what it reads from ../shared (and, when skipped, that the file is missing). */
export function sharedTitle(title: string, relative: string): string {
  return existsSync(sharedPath(relative))
    ? title
    : `${title} (needs ${sharedPath(relative)}${onCi ? ", required on CI" : ": not in this clone"})`;
}

/** Fails with a sentence naming the file when ../shared lacks it (on CI). */
export function requireShared(relative: string): string {
  const file = sharedPath(relative);
  if (!existsSync(file))
    throw new Error(`${file} is missing: CI needs the team's ../shared folder beside the project`);
  return file;
}
