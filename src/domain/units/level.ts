/**
 * Who consolidates into the province's annex, by the form's year (issue #21). The district level was
 * abolished on 1 July 2025 (Luật Tổ chức chính quyền địa phương 2025; Nghị quyết 202/2025/QH15): forms
 * for 2026 and later are filled by communes, wards and special zones (their Phòng Văn hóa - Xã hội);
 * forms up to 2025 were gathered by districts, as the historical annexes name them.
 */
export type ReportingLevel = "commune" | "district";

/** The first form year whose senders are communes. */
export const FIRST_COMMUNE_YEAR = 2026;

export function reportingLevel(year: number): ReportingLevel {
  return year >= FIRST_COMMUNE_YEAR ? "commune" : "district";
}

/** The words that follow the level, Vietnamese and English, for messages and sheet names. */
export interface LevelWords {
  /** "xã, phường" / "huyện" — the senders, as a plural noun in a sentence. */
  readonly vi: string;
  readonly en: string;
  /** "xã" / "huyện" — one sender, short (sheet names, column heads). */
  readonly viOne: string;
  readonly enOne: string;
}

export const LEVEL_WORDS: Readonly<Record<ReportingLevel, LevelWords>> = {
  commune: { vi: "xã, phường", en: "communes and wards", viOne: "xã", enOne: "commune" },
  district: { vi: "huyện", en: "districts", viOne: "huyện", enOne: "district" },
};
