import type { BatchSenders } from "../domain/units";
import { DistrictFileReport, readBlock } from "./districtFiles";
import { attempt, failure, Outcome, success } from "./problems";

/**
 * Who sent the files checked in "Hồ sơ đơn vị" (issue #21): each file's unit in the list of units,
 * files of another province, and with a province who has not sent yet. The list (~150 KB) is loaded
 * on first use, as its own chunk: never part of the pane's first download.
 */
export function identifySenders(
  reports: readonly DistrictFileReport[],
  province?: string
): Promise<Outcome<BatchSenders | undefined>> {
  return attempt(async () => {
    const [{ unitDirectory }, { batchSenders }] = await Promise.all([
      import("../domain/units/data"),
      import("../domain/units/batch"),
    ]);
    const units = unitDirectory();
    const name = province?.trim();
    if (name && !units.findProvince(name))
      return failure<BatchSenders | undefined>("unknown-province", {
        vi: `Không có tỉnh, thành phố "${name}" trong danh mục đơn vị hành chính (34 tỉnh, thành phố từ 01/7/2025).`,
        en: `There is no province "${name}" in the list of units (the 34 provinces from 1 July 2025).`,
      });
    const files = reports.flatMap((r) => {
      const block = readBlock(r);
      return block ? [block] : [];
    });
    return success(batchSenders(units, files, name || undefined));
  });
}

const PROVINCE_KEY = "annex.province";

/** The page's localStorage, or undefined where storage is refused (reading the global itself throws). */
function storage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The province the pane asked for last time ("Lạng Sơn"): asked once, remembered on this computer. */
export function rememberedProvince(): string {
  try {
    return storage()?.getItem(PROVINCE_KEY) ?? "";
  } catch {
    return "";
  }
}

export function rememberProvince(name: string): void {
  try {
    if (name.trim()) storage()?.setItem(PROVINCE_KEY, name.trim());
    else storage()?.removeItem(PROVINCE_KEY);
  } catch {
    // storage refused: the province is asked again next time
  }
}
