import { fold } from "../text/fold";

/**
 * The administrative units an annex can come from (issue #21), as data: the 34 provinces of 1 July
 * 2025 and their commune-level units (xã, phường, đặc khu) with the statistics office's codes, and
 * the 63 provinces and their districts before that date, each with its successor, so files of 2024
 * and earlier still identify. The list itself is units-2025.json (its "source" names where it comes
 * from); this module only gives it types and indexes. It is passed in, never imported here, so the
 * pane can load the list lazily (units/data.ts).
 */

export type CommuneKind = "xã" | "phường" | "đặc khu";
export type DistrictKind = "huyện" | "quận" | "thị xã" | "thành phố";
export type ProvinceKind = "tỉnh" | "thành phố";

export interface Province {
  /** The statistics office's two-digit code ("20"). */
  readonly code: string;
  /** Without "Tỉnh" / "Thành phố": "Lạng Sơn". */
  readonly name: string;
  readonly kind: ProvinceKind;
  readonly units: readonly Commune[];
}

export interface Commune {
  /** Five digits ("06385"). */
  readonly code: string;
  /** Without "Xã" / "Phường": "Hữu Lũng". */
  readonly name: string;
  readonly kind: CommuneKind;
  readonly provinceCode: string;
}

/** A province before 1 July 2025 ("Thái Bình") and the province it is part of now ("Hưng Yên"). */
export interface FormerProvince {
  readonly code: string;
  readonly name: string;
  readonly kind: ProvinceKind;
  readonly successorCode: string;
}

/** A commune before 1 July 2025 taken in whole into a commune of today ("xã Hòa Lạc" → its successor). */
export interface FormerCommune {
  readonly name: string;
  readonly kind: "xã" | "phường" | "thị trấn";
  readonly communeCode: string;
}

/** A district before 1 July 2025, its old province and the communes its area went to. */
export interface FormerDistrict {
  readonly code: string;
  readonly name: string;
  readonly kind: DistrictKind;
  readonly formerProvinceCode: string;
  /** The province the district's area is in now. */
  readonly provinceCode: string;
  readonly communeCodes: readonly string[];
}

/** units-2025.json as stored: compact arrays (see scripts/units-data.mjs). */
export interface UnitsData {
  readonly format: "annex-units/1";
  readonly source: { readonly vi: string; readonly en: string; readonly [key: string]: string };
  readonly kinds: Readonly<Record<string, string>>;
  readonly provinces: ReadonlyArray<
    readonly [string, string, string, ReadonlyArray<readonly [string, string, string]>]
  >;
  readonly formerProvinces: ReadonlyArray<readonly [string, string, string, string]>;
  readonly formerDistricts: ReadonlyArray<
    readonly [string, string, string, string, readonly string[]]
  >;
  /** [today's commune code, kind (x, p, tt), old name]: old communes taken in whole. */
  readonly formerCommunes?: ReadonlyArray<readonly [string, string, string]>;
}

const COMMUNE_KINDS: Readonly<Record<string, CommuneKind>> = { x: "xã", p: "phường", d: "đặc khu" };
const DISTRICT_KINDS: Readonly<Record<string, DistrictKind>> = {
  h: "huyện",
  q: "quận",
  tx: "thị xã",
  tp: "thành phố",
};
const PROVINCE_KINDS: Readonly<Record<string, ProvinceKind>> = { t: "tỉnh", tp: "thành phố" };

function kindOf<K>(table: Readonly<Record<string, K>>, key: string, what: string): K {
  const kind = table[key];
  if (kind === undefined) throw new Error(`units data: unknown ${what} kind "${key}"`);
  return kind;
}

export class UnitDirectory {
  readonly provinces: readonly Province[];
  readonly formerProvinces: readonly FormerProvince[];
  readonly formerDistricts: readonly FormerDistrict[];
  readonly formerCommunes: readonly FormerCommune[];
  readonly source: { readonly vi: string; readonly en: string };
  private readonly provinceByCode = new Map<string, Province>();
  private readonly communeByCode = new Map<string, Commune>();

  constructor(data: UnitsData) {
    if (data.format !== "annex-units/1")
      throw new Error(`units data: unknown format "${String(data.format)}"`);
    this.source = { vi: data.source.vi, en: data.source.en };
    this.provinces = data.provinces.map(([code, kind, name, units]) => ({
      code,
      name,
      kind: kindOf(PROVINCE_KINDS, kind, "province"),
      units: units.map(([unitCode, unitKind, unitName]) => ({
        code: unitCode,
        name: unitName,
        kind: kindOf(COMMUNE_KINDS, unitKind, "commune"),
        provinceCode: code,
      })),
    }));
    for (const p of this.provinces) {
      this.provinceByCode.set(p.code, p);
      for (const u of p.units) this.communeByCode.set(u.code, u);
    }
    this.formerProvinces = data.formerProvinces.map(([code, kind, name, successorCode]) => ({
      code,
      name,
      kind: kindOf(PROVINCE_KINDS, kind, "province"),
      successorCode,
    }));
    const successorOf = new Map(this.formerProvinces.map((p) => [p.code, p.successorCode]));
    const formerKinds: Readonly<Record<string, FormerCommune["kind"]>> = {
      x: "xã",
      p: "phường",
      tt: "thị trấn",
    };
    this.formerCommunes = (data.formerCommunes ?? []).map(([communeCode, kind, name]) => ({
      name,
      kind: kindOf(formerKinds, kind, "former commune"),
      communeCode,
    }));
    this.formerDistricts = data.formerDistricts.map(
      ([code, formerProvinceCode, kind, name, communeCodes]) => ({
        code,
        name,
        kind: kindOf(DISTRICT_KINDS, kind, "district"),
        formerProvinceCode,
        provinceCode: successorOf.get(formerProvinceCode) ?? formerProvinceCode,
        communeCodes,
      })
    );
  }

  province(code: string): Province | undefined {
    return this.provinceByCode.get(code);
  }

  commune(code: string): Commune | undefined {
    return this.communeByCode.get(code);
  }

  formerProvince(code: string): FormerProvince | undefined {
    return this.formerProvinces.find((p) => p.code === code);
  }

  /**
   * The province a person names: today's name ("Lạng Sơn", "tỉnh Lạng Sơn", "LANG SON"), its code
   * ("20"), or a former province's name ("Thái Bình" → Hưng Yên). Undefined when none fits.
   */
  findProvince(text: string): Province | undefined {
    const key = fold(text)
      .replace(/^(?:tinh|thanh pho|tp)\s+/, "")
      .trim();
    if (!key) return undefined;
    const byCode = this.provinceByCode.get(key.padStart(2, "0"));
    if (/^\d+$/.test(key)) return byCode;
    const today = this.provinces.find((p) => fold(p.name) === key);
    if (today) return today;
    const former = this.formerProvinces.find((p) => fold(p.name) === key);
    return former ? this.provinceByCode.get(former.successorCode) : undefined;
  }
}

/** "Xã Hữu Lũng", "Phường Kỳ Lừa", "Đặc khu Cô Tô": the unit's name as it is written in a sentence. */
export function communeTitle(unit: Commune): string {
  const kind = unit.kind === "xã" ? "Xã" : unit.kind === "phường" ? "Phường" : "Đặc khu";
  return `${kind} ${unit.name}`;
}

/** "huyện Hữu Lũng", "thành phố Lạng Sơn". */
export function districtTitle(district: FormerDistrict): string {
  return `${district.kind} ${district.name}`;
}

/** "tỉnh Lạng Sơn", "thành phố Huế". */
export function provinceTitle(province: Province | FormerProvince): string {
  return `${province.kind} ${province.name}`;
}
