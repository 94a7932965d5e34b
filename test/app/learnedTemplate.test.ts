import { analyzeSheet, snapshotFromValues } from "../../src/domain";
import { learnFromOpenSheet, withChanges } from "../../src/app/learnedTemplate";
import { THAI_BINH } from "../helpers/handMadeSheets";
import { MemoryHost } from "../helpers/memoryHost";

/**
 * Issue #20, the use case behind "Tạo mẫu từ trang tính đang mở": the open sheet learned through the
 * host, shown with questions first, changed by the officer and checked by the template schema.
 */
const rows = THAI_BINH.map((r) => r.map((v) => (v === null ? undefined : v)));

describe("learning the open sheet for the pane", () => {
  test("rows with questions come first, each with its relations and their evidence", async () => {
    const host = new MemoryHost().addSheet("Ghi chép", [["Số liệu"]]).addSheet("Quý I-2020", rows);
    const r = await learnFromOpenSheet(host);
    if (!r.ok) throw new Error(r.problem.message.vi);
    const v = r.value;
    expect(v.sheet).toBe("Quý I-2020");
    const firstPlain = v.rows.findIndex((x) => !x.questions.length);
    expect(firstPlain).toBeGreaterThan(0);
    expect(v.rows.slice(firstPlain).every((x) => !x.questions.length)).toBe(true);
    const money = v.rows.find((x) => x.name === "Kinh phí chi trả trợ cấp ưu đãi");
    expect(money?.relations.map((x) => x.vi)).toEqual([
      "= tổng II.1.1 + II.1.2 + II.1.3 + II.1.4 + II.1.5",
    ]);
    expect(money?.evidence.map((x) => x.vi).join(" ")).toContain("lệch 90 ở cột Ước TH quý I/2020");
  });

  test("the officer's changes are kept when the form can hold them, refused in words when not", async () => {
    const host = new MemoryHost().addSheet("Quý I-2020", rows);
    const r = await learnFromOpenSheet(host);
    if (!r.ok) throw new Error(r.problem.message.vi);
    const money = r.value.template.indicators.find(
      (i) => i.name.vi === "Kinh phí chi trả trợ cấp ưu đãi"
    )!;
    // "Trong đó" after all: the officer drops the sum; the parts are no longer checked against it.
    const changed = withChanges(r.value.data, [
      { code: money.code, dropRelation: 0 },
      { code: money.code, direction: "up" },
    ]);
    if (!changed.ok) throw new Error(changed.problem.message.vi);
    const t = changed.value.template;
    expect(t.indicators.find((i) => i.code === money.code)).toMatchObject({
      direction: "up",
      relations: [],
    });
    const sheet = snapshotFromValues("Quý I-2020", THAI_BINH);
    const findings = analyzeSheet(sheet, { locale: "vi-VN", templates: [t] }).findings;
    expect(findings.filter((f) => f.ruleId === "sum.mismatch")).toEqual([]);

    // A total of parts cannot be a rate: refused, with the field named.
    const jobs = r.value.template.indicators.find(
      (i) => i.name.vi === "Số lao động được tạo việc làm mới"
    )!;
    const refused = withChanges(r.value.data, [{ code: jobs.code, kind: "rate" }]);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.problem.message.vi).toMatch(
        /^Không lưu được thay đổi: indicators\[\d+\]\.relations\[0\]\.type: tỷ lệ và điểm phần trăm không được cộng dồn/
      );
  });

  test("a sheet with no table says what was looked for", async () => {
    const host = new MemoryHost().addSheet("Ghi chép", [["Danh sách cán bộ"]]);
    const r = await learnFromOpenSheet(host);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message.vi).toContain('cột "STT"');
  });
});
