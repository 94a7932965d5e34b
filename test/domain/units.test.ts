import { unitDirectory } from "../../src/domain/units/data";
import { communeTitle, identifyUnit, reportingLevel, UnitIdentity } from "../../src/domain/units";

const units = unitDirectory();
const province = (name: string) => {
  const p = units.findProvince(name);
  if (!p) throw new Error(`no province ${name}`);
  return p;
};

/** What an identity names, in one short string a test can compare. */
function named(identity: UnitIdentity): string {
  switch (identity.level) {
    case "commune":
      return `${communeTitle(identity.unit)}, ${identity.province.name}`;
    case "district":
      return `${identity.district.kind} ${identity.district.name}, ${identity.province.name}`;
    case "province":
      return `${identity.province.kind} ${identity.province.name}${identity.former ? ` (${identity.former.name})` : ""}`;
    case "ambiguous":
      return `ambiguous ${identity.candidates.length}`;
    case "unknown":
      return "unknown";
  }
}

describe("the list of units (units-2025.json)", () => {
  it("has the 34 provinces of Resolution 202/2025/QH15, each with its communes, and unique codes", () => {
    expect(units.provinces).toHaveLength(34);
    for (const p of units.provinces) expect(p.units.length).toBeGreaterThan(0);
    const codes = units.provinces.flatMap((p) => p.units.map((u) => u.code));
    expect(codes).toHaveLength(3321);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(units.provinces.map((p) => p.code)).size).toBe(34);
    for (const code of codes) expect(code).toMatch(/^\d{5}$/);
  });

  it("counts Lạng Sơn's 65, Quảng Trị's 78 and Hưng Yên's 104 commune-level units", () => {
    expect(province("Lạng Sơn").units).toHaveLength(65);
    expect(province("Quảng Trị").units).toHaveLength(78);
    expect(province("Hưng Yên").units).toHaveLength(104);
    expect(
      province("Lạng Sơn")
        .units.filter((u) => u.kind === "phường")
        .map((u) => u.name)
    ).toEqual(["Đông Kinh", "Lương Văn Tri", "Tam Thanh", "Kỳ Lừa"]);
  });

  it("resolves the seeds' provinces: Lạng Sơn, and Thái Bình and Quảng Bình under their 2025 names", () => {
    expect(province("LANG SON").code).toBe("20");
    expect(province("tỉnh Thái Bình").name).toBe("Hưng Yên");
    expect(province("Quảng Bình").name).toBe("Quảng Trị");
    expect(province("Quảng Trị").name).toBe("Quảng Trị");
    expect(units.findProvince("Atlantis")).toBeUndefined();
    expect(units.formerProvinces).toHaveLength(63);
  });

  it("every successor the list names is a unit of the list", () => {
    for (const d of units.formerDistricts) {
      expect(units.province(d.provinceCode)).toBeDefined();
      for (const c of d.communeCodes) expect(units.commune(c)?.provinceCode).toBe(d.provinceCode);
    }
    for (const p of units.formerProvinces) expect(units.province(p.successorCode)).toBeDefined();
    for (const f of units.formerCommunes) expect(units.commune(f.communeCode)).toBeDefined();
    // Lạng Sơn's 11 districts and towns of before 1 July 2025, all still in Lạng Sơn
    expect(units.formerDistricts.filter((d) => d.formerProvinceCode === "20")).toHaveLength(11);
  });

  it("keeps the old districts with the province they are in now and the communes they went to", () => {
    const huuLung = units.formerDistricts.find((d) => d.name === "Hữu Lũng");
    expect(huuLung?.kind).toBe("huyện");
    expect(huuLung?.provinceCode).toBe("20");
    expect(huuLung?.communeCodes.map((c) => units.commune(c)?.name)).toContain("Hữu Lũng");
    const vuThu = units.formerDistricts.find((d) => d.name === "Vũ Thư");
    expect(units.province(vuThu?.provinceCode ?? "")?.name).toBe("Hưng Yên");
  });
});

describe("identifyUnit: which unit wrote this file, from its title block", () => {
  const langSon = province("Lạng Sơn");
  const y2027 = { year: 2027, province: langSon };

  it.each([
    [["UBND XÃ HỮU LŨNG", "PHÒNG VĂN HÓA - XÃ HỘI"], "Xã Hữu Lũng, Lạng Sơn"],
    [["Ủy ban nhân dân phường Kỳ Lừa"], "Phường Kỳ Lừa, Lạng Sơn"],
    [["UBND xa Huu Lung"], "Xã Hữu Lũng, Lạng Sơn"],
    [["HỮU LŨNG"], "Xã Hữu Lũng, Lạng Sơn"],
    [["UBND Đông Kinh"], "Phường Đông Kinh, Lạng Sơn"],
    [["UBND xã Hữu Lũng, tỉnh Lạng Sơn"], "Xã Hữu Lũng, Lạng Sơn"],
    [["Phòng Văn hóa - Xã hội xã Chi Lăng"], "Xã Chi Lăng, Lạng Sơn"],
    // The old district's name, written by the commune that kept it.
    [["UBND HUYỆN HỮU LŨNG"], "Xã Hữu Lũng, Lạng Sơn"],
    // "Thái Bình" is a commune of Lạng Sơn and a former province: the kind word decides.
    [["UBND xã Thái Bình"], "Xã Thái Bình, Lạng Sơn"],
  ])("%j in 2027 → %s", (lines, expected) => {
    expect(named(identifyUnit(units, lines, y2027))).toBe(expected);
  });

  it("an old commune taken in whole names the commune of today it went into", () => {
    // Xã Quảng Lạc and Phường Chi Lăng (of the old city) went whole into Phường Lương Văn Tri.
    const quangLac = identifyUnit(units, ["UBND xã Quảng Lạc"], y2027);
    expect(named(quangLac)).toBe("Phường Lương Văn Tri, Lạng Sơn");
    expect(quangLac.level === "commune" && quangLac.via).toBe("former-commune");
    // "phường Chi Lăng" is the old ward; "xã Chi Lăng" is the commune of today
    expect(named(identifyUnit(units, ["UBND phường Chi Lăng"], y2027))).toBe(
      "Phường Lương Văn Tri, Lạng Sơn"
    );
    expect(named(identifyUnit(units, ["UBND xã Chi Lăng"], y2027))).toBe("Xã Chi Lăng, Lạng Sơn");
    expect(units.formerCommunes.length).toBeGreaterThan(9000);
  });

  it("a 2024 file names a district: the same words are the old district, now in its 2025 province", () => {
    expect(
      named(identifyUnit(units, ["UBND HUYỆN CAO LỘC", "PHÒNG LAO ĐỘNG - TB&XH"], { year: 2024 }))
    ).toBe("huyện Cao Lộc, Lạng Sơn");
    expect(named(identifyUnit(units, ["Hữu Lũng"], { year: 2024 }))).toBe(
      "huyện Hữu Lũng, Lạng Sơn"
    );
    expect(named(identifyUnit(units, ["UBND huyện Vũ Thư"], { year: 2022 }))).toBe(
      "huyện Vũ Thư, Hưng Yên"
    );
    // An old district with no commune of its name stays a district, even in 2027.
    expect(named(identifyUnit(units, ["UBND THÀNH PHỐ LẠNG SƠN"], y2027))).toBe(
      "thành phố Lạng Sơn, Lạng Sơn"
    );
  });

  it("a province's own title block names the province, by its old name too", () => {
    expect(named(identifyUnit(units, ["UBND TỈNH LẠNG SƠN", "SỞ NỘI VỤ"], { year: 2027 }))).toBe(
      "tỉnh Lạng Sơn"
    );
    expect(
      named(
        identifyUnit(units, ["UBND TỈNH THÁI BÌNH", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"], {
          year: 2020,
        })
      )
    ).toBe("tỉnh Hưng Yên (Thái Bình)");
  });

  it("a name found in many provinces is taken from the province given, else named as ambiguous", () => {
    expect(named(identifyUnit(units, ["UBND xã Tân Thành"], y2027))).toBe("Xã Tân Thành, Lạng Sơn");
    expect(named(identifyUnit(units, ["UBND xã Tân Thành"], { year: 2027 }))).toMatch(
      /^ambiguous \d+$/
    );
    // The province written above the commune decides as well.
    expect(
      named(identifyUnit(units, ["UBND tỉnh Lạng Sơn", "UBND xã Tân Thành"], { year: 2027 }))
    ).toBe("Xã Tân Thành, Lạng Sơn");
  });

  it("a unit of another province is identified with its own province, for the caller to leave out", () => {
    const other = identifyUnit(units, ["UBND phường Đồng Hới"], y2027);
    expect(named(other)).toBe("Phường Đồng Hới, Quảng Trị");
  });

  it("an unknown unit is named as unknown, with what was written", () => {
    // Lạng Sơn's wards are Đông Kinh, Lương Văn Tri, Tam Thanh and Kỳ Lừa: there is no "phường Lạng Sơn".
    expect(identifyUnit(units, ["Ủy ban nhân dân phường Lạng Sơn"], y2027)).toEqual({
      level: "unknown",
      written: "Ủy ban nhân dân phường Lạng Sơn",
    });
    expect(identifyUnit(units, ["UBND xã Atlantis"], y2027).level).toBe("unknown");
    expect(identifyUnit(units, ["PHÒNG VĂN HÓA - XÃ HỘI"], y2027).level).toBe("unknown");
    expect(identifyUnit(units, [], y2027)).toEqual({ level: "unknown", written: "" });
    expect(identifyUnit(units, ["[Tên cơ quan chủ quản]"], y2027).level).toBe("unknown");
  });
});

describe("reportingLevel", () => {
  it("communes from 2026, districts before", () => {
    expect(reportingLevel(2025)).toBe("district");
    expect(reportingLevel(2026)).toBe("commune");
    expect(reportingLevel(2027)).toBe("commune");
  });
});
