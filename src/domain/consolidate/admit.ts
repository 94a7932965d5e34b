import { Analysis } from "../analyze";
import { WorkbookAnalysis } from "../analyzeWorkbook";
import { NumberLocale } from "../numbers/locale";
import { Bilingual } from "../rules/finding";
import { LocatedAnnex } from "../sheet/locate";
import { ReportingUnit } from "../sheet/reportingUnit";
import { SheetSnapshot } from "../sheet/snapshot";
import { templateForPeriod } from "../template/headers";
import { periodName, ReportingPeriod } from "../template/period";
import { Template } from "../template/schema";
import { DETAIL_SHEET } from "./detailSheet";
import { figuresDigest, looksLikeCopy, unitKey, unitLabel, unitOfAnnex } from "./unitIdentity";
import { UnitDirectory } from "../units/directory";
import { fileSender, SenderCheck, senderCheck } from "../units/fileSender";
import { UnitIdentity } from "../units/identify";

/**
 * Which files go into a consolidation, and why each other one is left out. One unit, one column:
 * the same file given twice (its real path), a byte-identical copy, a file with the very same
 * figures, a second file of a unit (its title block) and a consolidated annex (its record in
 * "_annex", or its detail sheet) never add to a total. One form, one period, one version: files of
 * another template, year, reporting period or template version are named and left out, whatever
 * their headers say (the period and version are the ones the sheet records).
 */

/** One file given to the merge: its sheets as read and the engine's analysis, or why it could not be read. */
export type MergeSource = (
  | {
      readonly file: string;
      readonly snapshots: readonly SheetSnapshot[];
      readonly analysis: WorkbookAnalysis;
    }
  | { readonly file: string; readonly problem: Bilingual }
) & {
  /** The file's real path (links and "./" resolved), when the host has paths: the same file given twice. */
  readonly realPath?: string;
  /** bytesDigest of its bytes (unitIdentity.ts): a byte-identical copy under another name. */
  readonly digest?: string;
};

export type LeftOutReason =
  | "unreadable"
  | "not-annex"
  | "same-file"
  | "copy"
  | "consolidated"
  | "template"
  | "year"
  | "period"
  | "version"
  | "same-figures"
  | "duplicate"
  | "other-province";

/** Each reason as a heading of the files it left out, in the order they are listed (CLI and pane alike). */
export const LEFT_OUT_REASONS: Readonly<Record<LeftOutReason, Bilingual>> = {
  "same-file": { vi: "Cùng một tệp đưa vào hai lần", en: "The same file given twice" },
  copy: { vi: "Bản sao y hệt của tệp khác", en: "Exact copies of another file" },
  "same-figures": { vi: "Số liệu giống hệt tệp khác", en: "The very figures of another file" },
  duplicate: { vi: "Đơn vị đã có tệp khác", en: "A unit that already has a file" },
  "other-province": { vi: "Đơn vị của tỉnh khác", en: "Units of another province" },
  consolidated: {
    vi: "Biểu tổng hợp, không phải biểu của một đơn vị",
    en: "Consolidated annexes, not a unit's",
  },
  template: { vi: "Mẫu biểu khác", en: "Another form" },
  year: { vi: "Năm khác", en: "Another year" },
  period: { vi: "Kỳ báo cáo khác", en: "Another reporting period" },
  version: { vi: "Phiên bản mẫu khác", en: "Another template version" },
  "not-annex": { vi: "Không có biểu chỉ tiêu", en: "No indicator annex" },
  unreadable: { vi: "Không đọc được", en: "Could not be read" },
};

/** The files left out, grouped by reason (in LEFT_OUT_REASONS' order), each group with its heading. */
export function leftOutGroups(
  leftOut: readonly LeftOutFile[]
): Array<{ reason: LeftOutReason; title: Bilingual; files: LeftOutFile[] }> {
  return (Object.keys(LEFT_OUT_REASONS) as LeftOutReason[]).flatMap((reason) => {
    const files = leftOut.filter((l) => l.reason === reason);
    return files.length ? [{ reason, title: LEFT_OUT_REASONS[reason], files }] : [];
  });
}

export interface LeftOutFile {
  readonly file: string;
  readonly reason: LeftOutReason;
  readonly message: Bilingual;
}

export interface AdmitOptions {
  readonly template?: Template;
  readonly year?: number;
  readonly locale: NumberLocale;
  readonly allowDuplicates?: boolean;
  /** The list of units and the province consolidating (issue #21): each file's unit identified. */
  readonly units?: UnitDirectory;
  readonly province?: string;
}

export interface Candidate {
  readonly file: string;
  readonly snapshot: SheetSnapshot;
  readonly analysis: Analysis;
  readonly annex: LocatedAnnex;
}

export interface Admitted extends Candidate {
  readonly unit: ReportingUnit;
  /** The unit of the list the title block names (issue #21), when a list was given. */
  readonly identity?: UnitIdentity;
  /** Its name in the list ("Xã Hữu Lũng"), for labels and messages. */
  readonly label?: string;
}

/** The form, year and period the files are merged as. */
export interface MergeForm {
  readonly template: Template;
  readonly year: number;
}

export interface Admission {
  /** Undefined when no file follows a form that could be merged. */
  readonly form?: MergeForm;
  readonly included: readonly Admitted[];
  readonly leftOut: readonly LeftOutFile[];
  /** The senders' check of the year chosen (issue #21), for who has and has not sent. */
  readonly senders?: SenderCheck;
}

export function admit(sources: readonly MergeSource[], options: AdmitOptions): Admission {
  const leftOut: LeftOutFile[] = [];
  const candidates: Candidate[] = [];
  const paths = new Map<string, string>();
  const digests = new Map<string, string>();
  // Of two identical files, the original is kept and "bao-cao (1).xlsx" named as the copy.
  const ordered = [...sources].sort(
    (a, b) => Number(looksLikeCopy(a.file)) - Number(looksLikeCopy(b.file))
  );
  for (const source of ordered) {
    const file = source.file;
    const samePath = source.realPath !== undefined ? paths.get(source.realPath) : undefined;
    if (samePath !== undefined) {
      leftOut.push(out(file, "same-file", sameFileText(file, samePath)));
      continue;
    }
    if (source.realPath !== undefined) paths.set(source.realPath, file);
    const sameBytes = source.digest !== undefined ? digests.get(source.digest) : undefined;
    if (sameBytes !== undefined) {
      leftOut.push(out(file, "copy", copyText(file, sameBytes)));
      continue;
    }
    if (source.digest !== undefined) digests.set(source.digest, file);
    if ("problem" in source) {
      leftOut.push(out(file, "unreadable", source.problem));
      continue;
    }
    const analysis = source.analysis.sheets.find((a) => a.annex);
    const snapshot = analysis && source.snapshots.find((s) => s.name === analysis.sheet);
    if (!analysis?.annex || !snapshot) {
      const why = source.analysis.sheets[0]?.findings[0]?.message;
      leftOut.push(
        out(file, "not-annex", {
          vi: `"${file}" không có biểu chỉ tiêu nào được nhận biết${why ? ` (${why.vi})` : ""}.`,
          en: `"${file}" holds no recognised indicator annex${why ? ` (${why.en})` : ""}.`,
        })
      );
      continue;
    }
    const record = snapshot.metadata?.consolidated;
    if (record || source.snapshots.some((s) => s.name === DETAIL_SHEET)) {
      leftOut.push(out(file, "consolidated", consolidatedText(file, record?.units)));
      continue;
    }
    candidates.push({ file, snapshot, analysis, annex: analysis.annex });
  }

  const chosen = chooseForm(candidates, options);
  // What the files must follow: as chosen, or as asked when no file follows it (all are then named).
  const want = chosen ?? (options.template && { template: options.template, year: options.year });
  const version = chosen && chosenVersion(candidates, chosen);
  const senders = chosen ? senderCheck(options, chosen.year) : undefined;
  const included: Admitted[] = [];
  const units = new Map<string, string>();
  const figures = new Map<string, Admitted>();
  for (const c of candidates) {
    if (!want) break;
    const t = c.annex.template;
    const w = want.template;
    if (t.id !== w.id) {
      leftOut.push(
        out(c.file, "template", {
          // The forms by their names, never their ids (two forms of one name: said so).
          vi:
            t.form === w.form
              ? `"${c.file}" theo một mẫu khác cũng mang tên ${t.form}, không phải mẫu của các tệp kia: không tổng hợp.`
              : `"${c.file}" theo mẫu ${t.form}, không phải ${w.form}: không tổng hợp.`,
          en:
            t.form === w.form
              ? `"${c.file}" follows another form also named ${t.form}, not the other files' one: left out.`
              : `"${c.file}" follows ${t.form}, not ${w.form}: left out.`,
        })
      );
      continue;
    }
    if (want.year !== undefined && c.annex.year !== want.year) {
      leftOut.push(
        out(c.file, "year", {
          vi: `"${c.file}" là biểu năm ${c.annex.year}, không phải năm ${want.year}: không tổng hợp.`,
          en: `"${c.file}" is the annex for ${c.annex.year}, not ${want.year}: left out.`,
        })
      );
      continue;
    }
    if (w.period !== undefined && c.annex.period !== undefined && c.annex.period !== w.period) {
      const [p, q] = [periodName(c.annex.period), periodName(w.period)];
      leftOut.push(
        out(c.file, "period", {
          vi: `"${c.file}" là báo cáo ${p.vi} năm ${c.annex.year}, không phải ${q.vi}: số liệu của hai kỳ không cộng với nhau, không tổng hợp.`,
          en: `"${c.file}" reports ${p.en} ${c.annex.year}, not ${q.en}: figures of two periods are never added, left out.`,
        })
      );
      continue;
    }
    const v = recordedVersion(c);
    if (version !== undefined && v !== undefined && v !== version) {
      leftOut.push(
        out(c.file, "version", {
          vi: `"${c.file}" làm theo ${t.form} phiên bản ${v}, không phải phiên bản ${version} như các tệp khác: không tổng hợp.`,
          en: `"${c.file}" was made with ${t.id} version ${v}, not version ${version} as the other files: left out.`,
        })
      );
      continue;
    }
    const unit = unitOfAnnex(c.snapshot, c.annex);
    const sender = senders && fileSender(senders, c.file, unit);
    if (sender?.leftOut) {
      leftOut.push(sender.leftOut);
      continue;
    }
    const admitted: Admitted = {
      ...c,
      unit,
      ...(sender ? { identity: sender.identity } : {}),
      ...(sender?.label ? { label: sender.label } : {}),
    };
    const digest = figuresDigest(c.snapshot, c.annex, options.locale);
    const twin = digest ? figures.get(digest) : undefined;
    if (twin && !options.allowDuplicates) {
      leftOut.push(
        out(c.file, "same-figures", {
          vi: `"${c.file}" có số liệu giống hệt "${twin.file}" (${twin.label ?? unitLabel(twin.unit, twin.file)}): cùng một báo cáo, chỉ tính một lần.`,
          en: `"${c.file}" holds exactly the figures of "${twin.file}" (${twin.label ?? unitLabel(twin.unit, twin.file)}): one report, counted once.`,
        })
      );
      continue;
    }
    // The unit of the list (its code) when the title block names one; else the title block as written.
    const key = sender?.key ?? unitKey(unit);
    const first = key ? units.get(key) : undefined;
    if (first !== undefined && !options.allowDuplicates) {
      leftOut.push(
        out(c.file, "duplicate", {
          vi: `"${c.file}" cùng đơn vị với "${first}" (${admitted.label ?? unitLabel(unit, c.file)}): một đơn vị chỉ được tính một lần.`,
          en: `"${c.file}" is from the same unit as "${first}" (${admitted.label ?? unitLabel(unit, c.file)}): a unit is counted once.`,
        })
      );
      continue;
    }
    if (key && first === undefined) units.set(key, c.file);
    if (digest && !twin) figures.set(digest, admitted);
    included.push(admitted);
  }
  return {
    ...(chosen ? { form: chosen } : {}),
    included,
    leftOut,
    ...(senders ? { senders } : {}),
  };
}

function out(file: string, reason: LeftOutReason, message: Bilingual): LeftOutFile {
  return { file, reason, message };
}

function sameFileText(file: string, first: string): Bilingual {
  return {
    vi: `"${file}" là chính tệp "${first}" (đưa vào hai lần): chỉ tính một lần.`,
    en: `"${file}" is the very file "${first}" (given twice): counted once.`,
  };
}

function copyText(file: string, first: string): Bilingual {
  return {
    vi: `"${file}" là bản sao y hệt của "${first}" (giống từng byte): chỉ tính một lần.`,
    en: `"${file}" is an exact copy of "${first}" (byte for byte): counted once.`,
  };
}

function consolidatedText(file: string, units: number | undefined): Bilingual {
  const of = units ? { vi: ` từ ${units} đơn vị`, en: ` of ${units} units` } : { vi: "", en: "" };
  return {
    vi: `"${file}" là một biểu tổng hợp${of.vi}, không phải biểu của một đơn vị: không tổng hợp lại (số liệu sẽ bị tính hai lần).`,
    en: `"${file}" is a consolidated annex${of.en}, not one unit's: left out (its figures would be counted twice).`,
  };
}

/** The template version the sheet records (made by `annex new` or the pane); undefined for a sheet made by hand. */
function recordedVersion(c: Candidate): string | undefined {
  const v = c.snapshot.metadata?.templateVersion;
  return v ? v : undefined;
}

/**
 * The template, year and period the inputs are merged as: as asked, or those most inputs follow
 * (the first file's wins a tie). The template is the form made for that period, so the merged
 * annex's title and headers are the period's.
 */
function chooseForm(
  candidates: readonly Candidate[],
  options: AdmitOptions
): MergeForm | undefined {
  const pool = options.template
    ? candidates.filter((c) => c.annex.template.id === options.template?.id)
    : candidates;
  const tally = new Map<
    string,
    { count: number; template: Template; year: number; period?: ReportingPeriod }
  >();
  for (const c of pool) {
    if (options.year !== undefined && c.annex.year !== options.year) continue;
    const key = `${c.annex.template.id}\u0000${c.annex.year}\u0000${c.annex.period ?? ""}`;
    const t = tally.get(key);
    if (t) t.count++;
    else
      tally.set(key, {
        count: 1,
        template: c.annex.template,
        year: c.annex.year,
        ...(c.annex.period ? { period: c.annex.period } : {}),
      });
  }
  let best:
    { count: number; template: Template; year: number; period?: ReportingPeriod } | undefined;
  for (const t of tally.values()) if (!best || t.count > best.count) best = t;
  if (best)
    return {
      template: options.template ? templateForPeriod(options.template, best.period) : best.template,
      year: best.year,
    };
  if (options.template && options.year !== undefined)
    return { template: options.template, year: options.year };
  return undefined;
}

/** The template version most files of the chosen form record (the first's wins a tie); undefined when none records one. */
function chosenVersion(candidates: readonly Candidate[], form: MergeForm): string | undefined {
  const tally = new Map<string, number>();
  for (const c of candidates) {
    if (c.annex.template.id !== form.template.id || c.annex.year !== form.year) continue;
    if (form.template.period !== undefined && c.annex.period !== form.template.period) continue;
    const v = recordedVersion(c);
    if (v !== undefined) tally.set(v, (tally.get(v) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of tally) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}
