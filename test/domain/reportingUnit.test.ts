import {
  buildAnnexLayout,
  layoutSnapshot,
  reportingUnit,
  snapshotFromValues,
} from "../../src/domain";
import { template } from "../helpers/annex";

describe("reportingUnit: who sent the annex, from its title block", () => {
  it("reads the authority and the unit of an annex this tool laid out", () => {
    const layout = buildAnnexLayout(template(), {
      year: 2023,
      authority: "UBND huyện Cao Lộc",
      unitName: "Phòng Lao động - Thương binh và Xã hội",
    });
    expect(reportingUnit(layoutSnapshot(layout), layout.headerRows[0])).toEqual({
      authority: "UBND HUYỆN CAO LỘC",
      unit: "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    });
  });

  it("reads a hand-made title block and skips the form number, motto, title and unit note", () => {
    const sheet = snapshotFromValues("Đình Lập", [
      ["ỦY BAN NHÂN DÂN", undefined, undefined, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["HUYỆN ĐÌNH LẬP"],
      ["Phòng LĐ-TB&XH"],
      ["Biểu số 01"],
      ["KẾ HOẠCH PHÁT TRIỂN NĂM 2023"],
      ["Đơn vị tính: như cột C"],
      ["STT", "Chỉ tiêu", "ĐVT"],
    ]);
    // "ỦY BAN NHÂN DÂN" alone is the authority; the district's name on the next line is the unit's.
    expect(reportingUnit(sheet, 6)).toEqual({
      authority: "ỦY BAN NHÂN DÂN",
      unit: "HUYỆN ĐÌNH LẬP",
    });
  });

  it("takes a unit without an authority, and only rows above the header", () => {
    const sheet = snapshotFromValues("S", [
      [undefined, "  Sở   Lao động - TB&XH  "],
      ["BÁO CÁO 6 THÁNG"],
      ["STT", "Chỉ tiêu"],
      ["UBND tỉnh X"],
    ]);
    expect(reportingUnit(sheet, 2)).toEqual({ unit: "Sở Lao động - TB&XH" });
  });

  it("returns nothing when the title block names nobody", () => {
    const sheet = snapshotFromValues("S", [["Biểu số 02"], ["KẾ HOẠCH NĂM 2024"], ["STT"]]);
    expect(reportingUnit(sheet, 2)).toEqual({});
    expect(reportingUnit(sheet, 0)).toEqual({});
  });
});
