import { Bilingual } from "../rules/finding";
import { ReportingUnit } from "../sheet/reportingUnit";
import { Completeness } from "./completeness";
import { UnitDirectory } from "./directory";
import { fileSender, senderCheck, unitCompleteness } from "./fileSender";
import { UnitIdentity } from "./identify";

/**
 * A batch of received files, each identified (issue #21): what `annex check --report` and the pane's
 * files tab show for who sent each file, which files are of another province, and who has not sent.
 * The year is the one most annexes of the batch are for (a batch is one round of reports).
 */

export interface BatchFile {
  readonly file: string;
  /** The title block of the file's first annex; null when the file has no annex. */
  readonly unit: ReportingUnit | null;
  readonly year: number | null;
}

export interface BatchSenders {
  readonly year: number;
  /** For each file with an annex: who it is from, and the reason it is of another province. */
  readonly files: ReadonlyMap<
    string,
    { readonly identity: UnitIdentity; readonly label?: string; readonly otherProvince?: Bilingual }
  >;
  readonly completeness?: Completeness;
}

export function batchSenders(
  units: UnitDirectory,
  files: readonly BatchFile[],
  province?: string
): BatchSenders | undefined {
  const year = mostCommon(files.map((f) => f.year).filter((y): y is number => y !== null));
  if (year === undefined) return undefined;
  const check = senderCheck({ units, ...(province !== undefined ? { province } : {}) }, year);
  if (!check) return undefined;
  const out = new Map<
    string,
    { identity: UnitIdentity; label?: string; otherProvince?: Bilingual }
  >();
  const counted: Array<{ file: string; identity: UnitIdentity }> = [];
  for (const f of files) {
    if (!f.unit) continue;
    const sender = fileSender({ ...check, year: f.year ?? year }, f.file, f.unit);
    out.set(f.file, {
      identity: sender.identity,
      ...(sender.label ? { label: sender.label } : {}),
      ...(sender.leftOut ? { otherProvince: sender.leftOut.message } : {}),
    });
    if (!sender.leftOut && f.year === year)
      counted.push({ file: f.file, identity: sender.identity });
  }
  const c = unitCompleteness(check, counted);
  return { year, files: out, ...(c ? { completeness: c } : {}) };
}

function mostCommon(values: readonly number[]): number | undefined {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  let best: number | undefined;
  for (const [v, n] of tally) if (best === undefined || n > (tally.get(best) ?? 0)) best = v;
  return best;
}
