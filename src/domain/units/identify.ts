import { fold } from "../text/fold";
import {
  Commune,
  FormerCommune,
  FormerDistrict,
  FormerProvince,
  Province,
  UnitDirectory,
} from "./directory";
import { ReportingLevel, reportingLevel } from "./level";

/**
 * "Which unit wrote this file" (issue #21): the title block's lines ("UBND XÃ HỮU LŨNG", "Ủy ban nhân
 * dân phường Kỳ Lừa", "Huu Lung", "UBND HUYỆN CAO LỘC") against the list of units. Diacritics, case and
 * punctuation are folded; "UBND" and the kind ("xã", "huyện") may be missing; a former district or
 * province names its successor. The one place that answers it: the merge, the check report and the
 * pane's files tab call identifyUnit, and only a file that names no known unit keeps its title text.
 */

export type UnitIdentity =
  /** A commune-level unit of today ("via" says how it was found: by its name, its old district's, an old commune's). */
  | {
      readonly level: "commune";
      readonly unit: Commune;
      readonly province: Province;
      /** "name": as written; "former-district": the title names the old district the commune shares a name with. */
      readonly via: "name" | "former-district" | "former-commune";
      readonly written: string;
    }
  /** A district before 1 July 2025, with the province it is in now. */
  | {
      readonly level: "district";
      readonly district: FormerDistrict;
      readonly province: Province;
      readonly written: string;
    }
  /** The title names a province only (a department's own annex); "former" when by its old name. */
  | {
      readonly level: "province";
      readonly province: Province;
      readonly former?: FormerProvince;
      readonly written: string;
    }
  /** Several units of that name, none in the province given: the file must say which. */
  | {
      readonly level: "ambiguous";
      readonly candidates: ReadonlyArray<Commune | FormerDistrict>;
      readonly written: string;
    }
  /** Names no unit the list knows (or nothing at all: written is then ""). */
  | { readonly level: "unknown"; readonly written: string };

export interface IdentifyOptions {
  /** The form's year: from 2026 communes report, before that districts (reportingLevel). */
  readonly year?: number;
  /** The province consolidating: a name found in several provinces is taken from this one first. */
  readonly province?: Province;
}

type Entry =
  | { readonly level: "commune"; readonly unit: Commune }
  | { readonly level: "district"; readonly district: FormerDistrict }
  | { readonly level: "former-commune"; readonly former: FormerCommune; readonly unit: Commune }
  | { readonly level: "province"; readonly province: Province }
  | { readonly level: "former-province"; readonly former: FormerProvince };

interface Match {
  readonly entry: Entry;
  /** A kind word stood before the name ("xã Hữu Lũng"): the kind agrees with the entry's. */
  readonly qualified: boolean;
}

const MAX_NAME_WORDS = 6;
/** Words that open a title line and name no unit. */
const AUTHORITY_WORDS = /^(?:ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+/;
/** "Văn hóa - Xã hội", "Thương binh và Xã hội": "xã" there is "social", not a commune. */
const SOCIAL = /\bxa hoi\b/g;

/** Kind words as folded, two-word ones first; each says which entries it may stand before. */
const KIND_WORDS: ReadonlyArray<readonly [string, (e: Entry) => boolean]> = [
  ["dac khu", (e) => e.level === "commune" && e.unit.kind === "đặc khu"],
  ["thi xa", (e) => e.level === "district" && e.district.kind === "thị xã"],
  ["thanh pho", (e) => isCity(e)],
  ["tp", (e) => isCity(e)],
  ["thi tran", (e) => e.level === "former-commune" && e.former.kind === "thị trấn"],
  ["xa", (e) => communeOfKind(e, "xã")],
  ["phuong", (e) => communeOfKind(e, "phường")],
  ["huyen", (e) => e.level === "district" && e.district.kind === "huyện"],
  ["quan", (e) => e.level === "district" && e.district.kind === "quận"],
  [
    "tinh",
    (e) =>
      (e.level === "province" || e.level === "former-province") && kindOfProvince(e) === "tỉnh",
  ],
];

/** A commune of today, or an old one taken in whole, of that kind. */
function communeOfKind(e: Entry, kind: "xã" | "phường"): boolean {
  if (e.level === "commune") return e.unit.kind === kind;
  return e.level === "former-commune" && e.former.kind === kind;
}

function isCity(e: Entry): boolean {
  if (e.level === "district") return e.district.kind === "thành phố";
  return (
    (e.level === "province" || e.level === "former-province") && kindOfProvince(e) === "thành phố"
  );
}

function kindOfProvince(e: Entry): string | undefined {
  if (e.level === "province") return e.province.kind;
  if (e.level === "former-province") return e.former.kind;
  return undefined;
}

const indexes = new WeakMap<UnitDirectory, Map<string, Entry[]>>();

function indexOf(directory: UnitDirectory): Map<string, Entry[]> {
  let index = indexes.get(directory);
  if (index) return index;
  index = new Map();
  const add = (name: string, entry: Entry): void => {
    const key = fold(name);
    const list = index?.get(key);
    if (list) list.push(entry);
    else index?.set(key, [entry]);
  };
  for (const p of directory.provinces) {
    add(p.name, { level: "province", province: p });
    for (const u of p.units) add(u.name, { level: "commune", unit: u });
  }
  for (const p of directory.formerProvinces) add(p.name, { level: "former-province", former: p });
  for (const d of directory.formerDistricts) add(d.name, { level: "district", district: d });
  for (const f of directory.formerCommunes) {
    const unit = directory.commune(f.communeCode);
    if (unit) add(f.name, { level: "former-commune", former: f, unit });
  }
  indexes.set(directory, index);
  return index;
}

/** The names a title line holds, each with whether a kind word stood before it. */
function matchesIn(index: Map<string, Entry[]>, line: string): Match[] {
  const matches: Match[] = [];
  for (const segment of fold(line).replace(SOCIAL, "|").split("|")) {
    const whole = segment.trim().replace(AUTHORITY_WORDS, "").trim();
    const words = segment.split(" ").filter((w) => w);
    for (let i = 0; i < words.length; i++) {
      const kind = kindBefore(words, i);
      // The longest name that a kind word before it agrees with ("xã Tân Thành", not "xã Tân").
      for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
        const key = words.slice(i, i + n).join(" ");
        const entries = index.get(key);
        // A name ends the line or stands before another kind word ("xã Hữu Lũng, tỉnh Lạng Sơn"):
        // "phường Lạng Sơn" is not "phường Láng" followed by "Sơn".
        if (!entries || !endsName(words, i + n)) continue;
        const qualified = kind ? entries.filter(kind) : [];
        if (qualified.length > 0) {
          for (const entry of qualified) matches.push({ entry, qualified: true });
          break;
        }
        // Without a kind word, only a line that is the name and nothing more ("HỮU LŨNG", "UBND Hữu Lũng").
        if (!kind && key === whole)
          for (const entry of entries) matches.push({ entry, qualified: false });
      }
    }
  }
  return matches;
}

function endsName(words: readonly string[], end: number): boolean {
  if (end >= words.length) return true;
  const rest = words.slice(end).join(" ");
  return (
    KIND_WORDS.some(([word]) => rest === word || rest.startsWith(`${word} `)) ||
    AUTHORITY_WORDS.test(`${rest} `)
  );
}

function kindBefore(words: readonly string[], i: number): ((e: Entry) => boolean) | undefined {
  for (const [word, test] of KIND_WORDS) {
    const size = word.split(" ").length;
    if (i >= size && words.slice(i - size, i).join(" ") === word) return test;
  }
  return undefined;
}

/**
 * Identifies the unit that wrote a file from its title block's lines (authority first, then the
 * office: "UBND XÃ HỮU LŨNG", "PHÒNG VĂN HÓA - XÃ HỘI"). Pure: the list is passed in.
 */
export function identifyUnit(
  directory: UnitDirectory,
  lines: ReadonlyArray<string | undefined>,
  options: IdentifyOptions = {}
): UnitIdentity {
  const present = lines.filter((l): l is string => typeof l === "string" && l.trim() !== "");
  const written = present.join(" – ");
  const index = indexOf(directory);
  const matches = present.flatMap((line) => matchesIn(index, line));
  const provinceNamed = matches
    .map((m) => provinceOfEntry(directory, m.entry))
    .find((p): p is Province => p !== undefined);
  const context = options.province ?? provinceNamed;
  const level: ReportingLevel =
    options.year === undefined ? "commune" : reportingLevel(options.year);

  const communes = (qualified: boolean): Commune[] =>
    unique(
      matches
        .filter((m) => m.qualified === qualified)
        .flatMap((m) => (m.entry.level === "commune" ? [m.entry.unit] : []))
    );
  const districts = (qualified: boolean): FormerDistrict[] =>
    unique(
      matches
        .filter((m) => m.qualified === qualified)
        .flatMap((m) => (m.entry.level === "district" ? [m.entry.district] : []))
    );

  const asCommune = (qualified: boolean): UnitIdentity | undefined => {
    const picked = pick(communes(qualified), (u) => u.provinceCode, context);
    if (!picked) return undefined;
    // Of another province, while an old commune of that name is in the province given: the old one.
    const outside =
      Array.isArray(picked) || (context !== undefined && picked.provinceCode !== context.code);
    if (outside && context) {
      const former = asFormerCommune(qualified);
      if (former?.level === "commune" && former.province.code === context.code) return former;
    }
    if (Array.isArray(picked)) return { level: "ambiguous", candidates: picked, written };
    return {
      level: "commune",
      unit: picked,
      province: provinceOf(directory, picked.provinceCode),
      via: "name",
      written,
    };
  };
  const asDistrict = (qualified: boolean): UnitIdentity | undefined => {
    const picked = pick(districts(qualified), (d) => d.provinceCode, context);
    if (!picked) return undefined;
    if (Array.isArray(picked)) return { level: "ambiguous", candidates: picked, written };
    const province = provinceOf(directory, picked.provinceCode);
    if (level === "commune") {
      // A commune that writes its old district's name ("UBND huyện Hữu Lũng" for xã Hữu Lũng).
      const namesake = picked.communeCodes
        .map((code) => directory.commune(code))
        .find((u): u is Commune => u !== undefined && fold(u.name) === fold(picked.name));
      if (namesake)
        return { level: "commune", unit: namesake, province, via: "former-district", written };
    }
    return { level: "district", district: picked, province, written };
  };
  // An old commune's name ("UBND xã Hòa Lạc"), taken in whole into a commune of today.
  const asFormerCommune = (qualified: boolean): UnitIdentity | undefined => {
    const found = unique(
      matches
        .filter((m) => m.qualified === qualified)
        .flatMap((m) => (m.entry.level === "former-commune" ? [m.entry.unit] : []))
    );
    const picked = pick(found, (u) => u.provinceCode, context);
    if (!picked) return undefined;
    if (Array.isArray(picked)) return { level: "ambiguous", candidates: picked, written };
    const province = provinceOf(directory, picked.provinceCode);
    return { level: "commune", unit: picked, province, via: "former-commune", written };
  };
  const order =
    level === "commune"
      ? [
          () => asCommune(true),
          () => asFormerCommune(true),
          () => asDistrict(true),
          () => asCommune(false),
          () => asFormerCommune(false),
          () => asDistrict(false),
        ]
      : [
          () => asDistrict(true),
          () => asCommune(true),
          () => asDistrict(false),
          () => asCommune(false),
          () => asFormerCommune(true),
        ];
  for (const attempt of order) {
    const found = attempt();
    if (found) return found;
  }
  const provinceMatch = matches.find(
    (m) => m.entry.level === "province" || m.entry.level === "former-province"
  );
  if (provinceMatch && provinceNamed) {
    return {
      level: "province",
      province: provinceNamed,
      ...(provinceMatch.entry.level === "former-province"
        ? { former: provinceMatch.entry.former }
        : {}),
      written,
    };
  }
  return { level: "unknown", written };
}

function provinceOfEntry(directory: UnitDirectory, entry: Entry): Province | undefined {
  if (entry.level === "province") return entry.province;
  if (entry.level === "former-province") return directory.province(entry.former.successorCode);
  return undefined;
}

function provinceOf(directory: UnitDirectory, code: string): Province {
  const province = directory.province(code);
  if (!province) throw new Error(`units data: no province ${code}`);
  return province;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * One candidate: the only one, or the only one in the province given. Several: the array (ambiguous).
 * Several and none in the province: ambiguous too; one outside it is returned (the caller names the
 * province it is in).
 */
function pick<T>(
  candidates: readonly T[],
  provinceCode: (c: T) => string,
  context: Province | undefined
): T | T[] | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  if (context) {
    const inside = candidates.filter((c) => provinceCode(c) === context.code);
    if (inside.length === 1) return inside[0];
    if (inside.length > 1) return inside;
  }
  return [...candidates];
}
