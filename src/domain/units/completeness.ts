import { Bilingual } from "../rules/finding";
import { fold } from "../text/fold";
import { communeTitle, districtTitle, UnitDirectory } from "./directory";
import { UnitIdentity } from "./identify";
import { LEVEL_WORDS, ReportingLevel, reportingLevel } from "./level";

/**
 * Who has sent and who has not (issue #21), as DHIS2's completeness report does for its data sets:
 * the province's list of senders for the form's year (its communes from 2026, its districts before),
 * the units the files were identified as, and what is missing. The merge, the check report and the
 * pane's files tab all say it the same way: "Đã nhận 53/65 xã, phường; chưa nhận: …".
 */

/** One unit expected to send: a commune of today, or a district before 1 July 2025. */
export interface Sender {
  readonly code: string;
  /** "Xã Hữu Lũng", "Huyện Cao Lộc". */
  readonly title: string;
}

/** The province a consolidation is for, at the level of the form's year. */
export interface ProvinceScope {
  readonly level: ReportingLevel;
  /** Today's province code (commune level) or the former province's (district level). */
  readonly code: string;
  /** "Lạng Sơn"; at district level the province as it was named then ("Thái Bình"). */
  readonly name: string;
  readonly senders: readonly Sender[];
}

/**
 * The province a person names ("Lạng Sơn", "Thái Bình", "20") for a form's year: at commune level
 * today's province (an old name gives its successor); at district level the province as it was
 * before 1 July 2025 (a name of today that was not a province then is looked up as today's, and its
 * former provinces' districts are all expected). Undefined when no province has that name.
 */
export function provinceScope(
  directory: UnitDirectory,
  name: string,
  year: number
): ProvinceScope | undefined {
  const level = reportingLevel(year);
  if (level === "commune") {
    const province = directory.findProvince(name);
    if (!province) return undefined;
    return {
      level,
      code: province.code,
      name: province.name,
      senders: province.units.map((u) => ({ code: u.code, title: communeTitle(u) })),
    };
  }
  const key = fold(name).replace(/^(?:tinh|thanh pho|tp)\s+/, "");
  const former = directory.formerProvinces.find(
    (p) => fold(p.name) === key || p.code === key.padStart(2, "0")
  );
  if (!former) return undefined;
  return {
    level,
    code: former.code,
    name: former.name,
    senders: directory.formerDistricts
      .filter((d) => d.formerProvinceCode === former.code)
      .map((d) => ({ code: d.code, title: capitalize(districtTitle(d)) })),
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The sender a file was identified as, at the scope's level; undefined when it is none of that level. */
export function senderOf(identity: UnitIdentity, level: ReportingLevel): Sender | undefined {
  if (level === "commune" && identity.level === "commune")
    return { code: identity.unit.code, title: communeTitle(identity.unit) };
  if (level === "district" && identity.level === "district")
    return { code: identity.district.code, title: capitalize(districtTitle(identity.district)) };
  return undefined;
}

/**
 * Whether an identified unit belongs to the scope's province: true, false (with the province it is
 * in), or undefined when the file names no unit of the level (it is then neither counted nor left out
 * for its province).
 */
export function outsideProvince(
  identity: UnitIdentity,
  scope: ProvinceScope,
  directory: UnitDirectory
): { readonly province: string } | undefined {
  if (scope.level === "commune") {
    if (
      identity.level !== "commune" &&
      identity.level !== "district" &&
      identity.level !== "province"
    )
      return undefined;
    return identity.province.code === scope.code ? undefined : { province: identity.province.name };
  }
  if (identity.level === "district") {
    if (identity.district.formerProvinceCode === scope.code) return undefined;
    const former = directory.formerProvince(identity.district.formerProvinceCode);
    return { province: former?.name ?? identity.province.name };
  }
  return undefined;
}

export interface Completeness {
  readonly scope: ProvinceScope;
  readonly received: readonly Sender[];
  readonly missing: readonly Sender[];
  /** Every sender of the scope in the list's order, with the files it sent (none: not received). */
  readonly rows: ReadonlyArray<{ readonly sender: Sender; readonly files: readonly string[] }>;
  /** "Đã nhận 3/65 xã, phường; chưa nhận: Xã Đoàn Kết, …" */
  readonly message: Bilingual;
}

/** How many to name in one message; the report's sheet lists them all. */
const NAMED_MISSING = 12;

export function completeness(
  scope: ProvinceScope,
  received: ReadonlyArray<Sender & { readonly file?: string }>
): Completeness {
  const got = new Set(received.map((s) => s.code));
  const rows = scope.senders.map((sender) => ({
    sender,
    files: received
      .filter((r) => r.code === sender.code && r.file !== undefined)
      .map((r) => r.file ?? ""),
  }));
  const inScope = scope.senders.filter((s) => got.has(s.code));
  const missing = scope.senders.filter((s) => !got.has(s.code));
  const words = LEVEL_WORDS[scope.level];
  const total = scope.senders.length;
  const list = (more: string): string =>
    missing.length <= NAMED_MISSING
      ? missing.map((s) => s.title).join(", ")
      : `${missing
          .slice(0, NAMED_MISSING)
          .map((s) => s.title)
          .join(", ")} ${more.replace("{n}", String(missing.length - NAMED_MISSING))}`;
  const vi = `Đã nhận ${inScope.length}/${total} ${words.vi} của ${scope.name}${
    missing.length ? `; chưa nhận: ${list("và {n} đơn vị khác")}` : "; đã đủ"
  }.`;
  const en = `Received ${inScope.length}/${total} ${words.en} of ${scope.name}${
    missing.length ? `; not yet: ${list("and {n} more")}` : "; all received"
  }.`;
  return { scope, received: inScope, missing, rows, message: { vi, en } };
}
