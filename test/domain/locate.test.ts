import { builtInTemplates, locateAnnex, snapshotFromValues } from "../../src/domain";
import { template, TestAnnex } from "../helpers/annex";

const locate = (a: TestAnnex) => {
  const r = locateAnnex(a.sheet, builtInTemplates());
  if (!r.ok) throw new Error(`not located: ${r.problem}`);
  return r.annex;
};

describe("locating the template on a sheet", () => {
  test("by metadata: template, year and every row", () => {
    const annex = locate(new TestAnnex());
    expect(annex).toMatchObject({ yearSource: "metadata", year: 2023 });
    expect(annex.template.id).toBe("bieu-01-ke-hoach-nam");
    expect(annex.rows).toHaveLength(annex.template.indicators.length);
    expect(annex.unknownRows).toEqual([]);
  });

  test("without metadata, by its headers: the year comes from the header texts", () => {
    for (const year of [2021, 2023, 2026]) {
      const annex = locate(new TestAnnex(template(), year).withoutMetadata());
      expect(annex).toMatchObject({ yearSource: "headers", year });
      expect(annex.missingColumns).toEqual([]);
    }
  });

  test("each built-in template is recognised as itself from its headers", () => {
    for (const t of builtInTemplates()) {
      const annex = locate(new TestAnnex(t, 2024).withoutMetadata());
      expect(annex.template.id).toBe(t.id);
      expect(annex.rows).toHaveLength(t.indicators.length);
    }
  });

  test("moved rows are found where they are", () => {
    const a = new TestAnnex().withoutMetadata();
    const from = a.row("22");
    const to = a.row("2");
    a.moveRow(from, to);
    const annex = locate(a);
    expect(annex.rowOf.get("22")?.row).toBe(to);
    expect(annex.rowOf.get("2")?.row).toBe(to + 1);
    expect(annex.unknownRows).toEqual([]);
  });

  test("an inserted unknown row is reported, and rows after it are still found", () => {
    const a = new TestAnnex();
    const at = a.row("3");
    a.insertRow(at, ["2a", "Số người được hỗ trợ khởi nghiệp", "người", 12]);
    const annex = locate(a);
    expect(annex.unknownRows).toEqual([{ row: at, text: "2a Số người được hỗ trợ khởi nghiệp" }]);
    expect(annex.rowOf.get("3")?.row).toBe(at + 1);
  });

  test("names match without diacritics, case or extra spaces, and by alias", () => {
    const a = new TestAnnex().withoutMetadata();
    a.set("1", "name", "  SO LAO DONG   duoc tao viec lam moi ");
    a.set("21", "name", "Số hộ nghèo đa chiều");
    const annex = locate(a);
    expect(annex.rowOf.get("1")?.row).toBe(a.row("1"));
    expect(annex.rowOf.get("21")?.row).toBe(a.row("21"));
  });

  test("children that share a name (Xây mới / Sửa chữa) go to the right parent by order", () => {
    const t = template("bieu-03-ho-tro-nha-o-nguoi-co-cong");
    const annex = locate(new TestAnnex(t).withoutMetadata());
    expect(annex.rowOf.get("1.1")!.row).toBeLessThan(annex.rowOf.get("2.1")!.row);
    expect(annex.duplicateRows).toEqual([]);
  });

  test("a sheet made by someone else: same headers, no numbering row, fewer rows, other positions", () => {
    const sheet = snapshotFromValues("Biểu 01 huyện", [
      ["UBND HUYỆN VĂN LÃNG"],
      [],
      [
        null,
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "TH năm 2021",
        "KH năm 2022",
        "TH 6 tháng năm 2022",
        "ƯTH năm 2022",
        "So sánh (%)",
        null,
        "KH năm 2023",
        "KH 2023/ƯTH 2022 (%)",
        "Ghi chú",
      ],
      [null, null, null, null, null, null, null, null, "ƯTH 2022/KH 2022", "ƯTH 2022/TH 2021"],
      [null, "I", "Lao động - việc làm"],
      [
        null,
        "1",
        "Số lao động được tạo việc làm mới",
        "người",
        1200,
        1300,
        700,
        1350,
        null,
        null,
        1400,
      ],
      [null, "2", "Tỷ lệ hộ nghèo", "%", 14.5, 12, 12.2, 11, null, null, 9],
    ]);
    const annex = locate({ sheet } as TestAnnex);
    expect(annex.year).toBe(2023);
    expect(annex.columns.get("code")).toBe(1);
    expect(annex.columns.get("estimateCur")).toBe(7);
    expect(annex.columns.get("yoy")).toBe(9);
    expect(annex.rowOf.get("1")?.row).toBe(5);
    expect(annex.rowOf.get("22")?.row).toBe(6);
    expect(annex.missingColumns.map((c) => c.id)).toEqual(["evaluation"]);
  });

  test("a sheet without a header row is not an annex", () => {
    const r = locateAnnex(
      snapshotFromValues("x", [
        ["Họ tên", "Tuổi"],
        ["A", 30],
      ]),
      builtInTemplates()
    );
    expect(r).toEqual({ ok: false, problem: "no-header" });
  });
});
