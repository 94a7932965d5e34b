import { Bilingual } from "../rules/finding";
import { ReportingUnit } from "../sheet/reportingUnit";
import {
  completeness,
  Completeness,
  outsideProvince,
  ProvinceScope,
  provinceScope,
  senderOf,
} from "./completeness";
import { communeTitle, districtTitle, Province, UnitDirectory } from "./directory";
import { identifyUnit, UnitIdentity } from "./identify";

/**
 * The small interface the merge, the check report and the files tab call for each file (issue #21):
 * who sent it (identifyUnit on its title block), whether it belongs to the province consolidating,
 * the key that tells two files of one unit, and at the end who has not sent.
 */

export interface SenderCheck {
  readonly units: UnitDirectory;
  readonly year: number;
  readonly scope?: ProvinceScope;
  /** Today's province of the scope: a name found in several provinces is taken from it first. */
  readonly province?: Province;
}

/** The list, the year and the province (by name) a batch of files is checked for. */
export function senderCheck(
  options: { readonly units?: UnitDirectory; readonly province?: string },
  year: number
): SenderCheck | undefined {
  const units = options.units;
  if (!units) return undefined;
  const scope =
    options.province === undefined ? undefined : provinceScope(units, options.province, year);
  const province = scope
    ? (units.province(scope.code) ?? units.findProvince(scope.name))
    : undefined;
  return { units, year, ...(scope ? { scope } : {}), ...(province ? { province } : {}) };
}

export interface FileSender {
  readonly identity: UnitIdentity;
  /** What tells two files of one unit: its code; undefined when the file names no known unit. */
  readonly key?: string;
  /** "Xã Hữu Lũng" for a known unit, else the title block as written. */
  readonly label?: string;
  /** Set when the file comes from another province: it is left out with this reason. */
  readonly leftOut?: {
    readonly file: string;
    readonly reason: "other-province";
    readonly message: Bilingual;
  };
}

export function fileSender(check: SenderCheck, file: string, unit: ReportingUnit): FileSender {
  const identity = identifyUnit(check.units, [unit.authority, unit.unit], {
    year: check.year,
    ...(check.province ? { province: check.province } : {}),
  });
  const known = identity.level === "commune" || identity.level === "district";
  const key = known
    ? `${identity.level}:${identity.level === "commune" ? identity.unit.code : identity.district.code}`
    : undefined;
  const label = known ? identityTitle(identity) : undefined;
  const out = check.scope ? outsideProvince(identity, check.scope, check.units) : undefined;
  if (out && check.scope) {
    const who = label ?? identity.written;
    return {
      identity,
      ...(key ? { key } : {}),
      ...(label ? { label } : {}),
      leftOut: {
        file,
        reason: "other-province",
        message: {
          vi: `"${file}" là của ${who} (${out.province}), không thuộc ${check.scope.name}: không tính.`,
          en: `"${file}" is from ${who} (${out.province}), not of ${check.scope.name}: left out.`,
        },
      },
    };
  }
  return { identity, ...(key ? { key } : {}), ...(label ? { label } : {}) };
}

/** "Xã Hữu Lũng", "Huyện Cao Lộc"; for other identities what the title block says. */
export function identityTitle(identity: UnitIdentity): string {
  if (identity.level === "commune") return communeTitle(identity.unit);
  if (identity.level === "district") {
    const t = districtTitle(identity.district);
    return t.charAt(0).toUpperCase() + t.slice(1);
  }
  return identity.written;
}

/** Who of the scope has sent, from the units the included files were identified as. */
export function unitCompleteness(
  check: SenderCheck,
  files: ReadonlyArray<{ readonly file: string; readonly identity?: UnitIdentity }>
): Completeness | undefined {
  if (!check.scope) return undefined;
  const level = check.scope.level;
  const received = files.flatMap((f) => {
    const sender = f.identity ? senderOf(f.identity, level) : undefined;
    return sender ? [{ ...sender, file: f.file }] : [];
  });
  return completeness(check.scope, received);
}
