import { DerivedSet } from "../derive/derivedCells";
import { LocatedAnnex } from "../sheet/locate";
import { SheetReadings } from "../sheet/columnReadings";
import { SheetSnapshot } from "../sheet/snapshot";
import { CheckOptions, RuleContext } from "./context";
import { checkCells } from "./checks/cells";
import { checkChange } from "./checks/change";
import { checkConsolidated } from "./checks/consolidated";
import { checkDerived } from "./checks/derived";
import { checkFlows } from "./checks/flows";
import { checkMerges } from "./checks/merges";
import { checkOverflow } from "./checks/overflow";
import { checkPeriods } from "./checks/period";
import { checkPovertyStandard } from "./checks/povertyStandard";
import { checkRelations } from "./checks/relations";
import { checkStructure } from "./checks/structure";
import { checkTargets } from "./checks/targets";
import { checkUnits } from "./checks/units";
import { Finding, SEVERITY_ORDER } from "./finding";

/** The checks, in the order a careful reviewer reads a sheet. Each one lives in ./checks. */
const CHECKS: ReadonlyArray<(ctx: RuleContext) => void> = [
  checkStructure,
  checkPeriods,
  checkMerges,
  checkCells,
  checkUnits,
  checkRelations,
  checkFlows,
  checkDerived,
  checkOverflow,
  checkChange,
  checkTargets,
  checkPovertyStandard,
  checkConsolidated,
];

export function validateAnnex(
  sheet: SheetSnapshot,
  annex: LocatedAnnex,
  derived: DerivedSet,
  options: CheckOptions,
  readings: SheetReadings
): Finding[] {
  const ctx = new RuleContext(sheet, annex, derived, options, readings);
  for (const check of CHECKS) check(ctx);
  return sortFindings(ctx.findings);
}

/** Errors first, then by position on the sheet (row, then column). */
export function sortFindings(findings: Finding[]): Finding[] {
  const key = (f: Finding) => {
    const m = /^([A-Z]+)(\d+)$/.exec(f.cells[0] ?? "");
    return m ? Number(m[2]) * 1000 + m[1].length * 100 + m[1].charCodeAt(m[1].length - 1) : 0;
  };
  return findings
    .map((f, i) => ({ f, i, k: key(f) }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.k - b.k || a.i - b.i
    )
    .map((x) => x.f);
}
