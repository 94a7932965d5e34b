import { analyzeSheet, snapshotFromValues } from "../../src/domain";
import { AnnexSession } from "../../src/app";
import { learnedJson, learnFromOpenSheet, withChanges } from "../../src/app/learnedTemplate";
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

  test("saved inside the workbook and checked with it; saved again, nothing is written; a changed direction asks before replacing", async () => {
    const host = new MemoryHost().addSheet("Quý I-2020", rows);
    // No template on this computer: the session knows only the built-in forms, and reads the sheet
    // as the ministry's Biểu 02 (its headers match), not as the province's own form.
    const session = new AnnexSession(host);
    const before = await session.check("Quý I-2020");
    if (!before.ok) throw new Error(before.problem.message.vi);
    expect(before.value.annex.templateId).not.toMatch(/^mau-/);

    const learned = await session.learnOpenSheet();
    if (!learned.ok) throw new Error(learned.problem.message.vi);
    const view = learned.value;
    expect(view.year).toBe(2020);
    const first = await session.saveLearned(view, []);
    if (!first.ok) throw new Error(first.problem.message.vi);
    expect(first.value.written).toBe(true);
    expect(first.value.summary.vi).toMatch(/^Đã lưu mẫu vào sổ tính \(phiên bản 1\.0\.0\)/);
    // The summary names no template id (officers never see them).
    expect(first.value.summary.vi).not.toContain(view.data.id);
    expect(host.templateWrites).toBe(1);
    expect(host.templates.map((e) => [e.id, e.version, !!e.template])).toEqual([
      [view.data.id, "1.0.0", true],
    ]);
    // The sheet is recorded as an annex of it, for the year its headers name.
    expect((await host.readSheet("Quý I-2020")).snapshot.metadata).toEqual({
      templateId: view.data.id,
      templateVersion: "1.0.0",
      year: 2020,
    });
    // Checked with it at once: the seed's own slip (414.987 against parts adding up to 414.897).
    const sums = first.value.report.findings.filter((f) => f.ruleId === "sum.mismatch");
    expect(sums).toHaveLength(1);
    expect(first.value.report.counts.error).toBe(1);
    expect(first.value.report.annex.templateId).toBe(view.data.id);

    // A fresh session (another pane, another computer) checks the sheet with the workbook's own form.
    const elsewhere = await new AnnexSession(host).check("Quý I-2020");
    if (!elsewhere.ok) throw new Error(elsewhere.problem.message.vi);
    expect(elsewhere.value.findings).toEqual(first.value.report.findings);

    // The same save again writes nothing.
    const again = await session.saveLearned(view, []);
    if (!again.ok) throw new Error(again.problem.message.vi);
    expect(again.value.written).toBe(false);
    expect(again.value.summary.vi).toMatch(
      /^Mẫu này đã có trong sổ tính \(phiên bản 1\.0\.0\); không ghi gì thêm\./
    );
    expect(host.templateWrites).toBe(1);

    // Another direction: the kept template is not replaced silently.
    const money = view.rows.find((x) => x.name === "Kinh phí chi trả trợ cấp ưu đãi")!;
    const change = [{ code: money.code, direction: "up" as const }];
    const asked = await session.saveLearned(view, change);
    expect(asked.ok).toBe(false);
    if (!asked.ok) {
      expect(asked.problem.code).toBe("template-conflict");
      expect(asked.problem.message.vi).toContain("phiên bản 1.0.0 với nội dung khác. Chưa ghi gì.");
    }
    expect(host.templateWrites).toBe(1);

    // Replaced when the officer says so: the same version number with other content is 1.0.1.
    const replaced = await session.saveLearned(view, change, { replace: true });
    if (!replaced.ok) throw new Error(replaced.problem.message.vi);
    expect(replaced.value.replaced).toBe("1.0.0");
    expect(replaced.value.data.version).toBe("1.0.1");
    expect(replaced.value.summary.vi).toMatch(
      /^Đã thay mẫu phiên bản 1\.0\.0 trong sổ tính bằng phiên bản 1\.0\.1\./
    );
    expect(host.templates).toHaveLength(1);
    const kept = host.templates[0].template!;
    expect(kept.version).toBe("1.0.1");
    expect(kept.indicators.find((i) => i.code === money.code)?.direction).toBe("up");
    expect((await host.readSheet("Quý I-2020")).snapshot.metadata?.templateVersion).toBe("1.0.1");

    // Learned again and changed the same way: that is the kept 1.0.1, nothing to write.
    const relearned = await session.learnOpenSheet();
    if (!relearned.ok) throw new Error(relearned.problem.message.vi);
    const same = await session.saveLearned(relearned.value, change);
    if (!same.ok) throw new Error(same.problem.message.vi);
    expect(same.value.written).toBe(false);
    expect(same.value.data.version).toBe("1.0.1");
    expect(host.templateWrites).toBe(2);
  });

  test("exported as .json with the officer's changes, and added on another computer from that file", async () => {
    const host = new MemoryHost().addSheet("Quý I-2020", rows);
    const learned = await learnFromOpenSheet(host);
    if (!learned.ok) throw new Error(learned.problem.message.vi);
    const money = learned.value.rows.find((x) => x.name === "Kinh phí chi trả trợ cấp ưu đãi")!;
    const file = learnedJson(learned.value, [{ code: money.code, dropRelation: 0 }]);
    if (!file.ok) throw new Error(file.problem.message.vi);
    expect(file.value.name).toBe("Mẫu - Quý I-2020.json");
    const other = new AnnexSession(new MemoryHost().addSheet("Quý I-2020", rows));
    const added = other.addTemplate(file.value.text, file.value.name);
    if (!added.ok) throw new Error(added.problem.message.vi);
    expect(added.value.id).toBe(learned.value.data.id);
    const checked = await other.check("Quý I-2020");
    if (!checked.ok) throw new Error(checked.problem.message.vi);
    // Checked with the imported form: the dropped sum is not checked any more.
    expect(checked.value.annex.templateId).toBe(learned.value.data.id);
    expect(checked.value.findings.filter((f) => f.ruleId === "sum.mismatch")).toEqual([]);
  });

  test("headers with no year: the template is kept, and the pane says the sheet could not be checked with it", async () => {
    const noYear = rows.map((r) =>
      r.map((v) =>
        typeof v === "string"
          ? v.replace(/\s*(năm )?\/?20(19|20)$/, "").replace(/ NĂM 2020$/, "")
          : v
      )
    );
    const host = new MemoryHost().addSheet("Quý I", noYear);
    const session = new AnnexSession(host);
    const learned = await session.learnOpenSheet();
    if (!learned.ok) throw new Error(learned.problem.message.vi);
    expect(learned.value.year).toBeUndefined();
    const saved = await session.saveLearned(learned.value, []);
    expect(saved.ok).toBe(false);
    if (!saved.ok)
      expect(saved.problem.message.vi).toMatch(
        /^Đã lưu mẫu vào sổ tính \(phiên bản 1\.0\.0\), nhưng chưa kiểm tra được trang tính "Quý I" với mẫu: /
      );
    expect(host.templates).toHaveLength(1);
    expect((await host.readSheet("Quý I")).snapshot.metadata).toBeUndefined();
  });

  test("a template kept in the workbook and then broken by hand is not used, and the check says so", async () => {
    const host = new MemoryHost().addSheet("Quý I-2020", rows);
    const session = new AnnexSession(host);
    const learned = await session.learnOpenSheet();
    if (!learned.ok) throw new Error(learned.problem.message.vi);
    const saved = await session.saveLearned(learned.value, []);
    if (!saved.ok) throw new Error(saved.problem.message.vi);
    expect(saved.value.report.summary.vi).not.toContain("bị sửa tay");
    // Someone edits the JSON piece in _annex: its hash no longer matches.
    const piece = host.annexCells[1];
    const at = piece.findIndex((v) => typeof v === "string" && v.startsWith("{"));
    piece[at] = String(piece[at]).replace('"neutral"', '"up"');
    // The sheet is bound to it: not checked with another form in its place, and said why.
    const bound = await new AnnexSession(host).check("Quý I-2020");
    expect(bound.ok).toBe(false);
    // Another sheet of the built-in form is checked, and the summary names the broken one.
    const other = new MemoryHost().addSheet("Quý I-2020", rows);
    other.annexCells.push(...host.annexCells.map((r) => [...r]));
    const checked = await new AnnexSession(other).check("Quý I-2020");
    if (!checked.ok) throw new Error(checked.problem.message.vi);
    expect(checked.value.summary.vi).toMatch(
      /Sổ tính có một mẫu lưu kèm \(phiên bản 1\.0\.0\) bị thiếu phần hoặc đã bị sửa tay, nên không dùng được; hãy lưu lại mẫu từ trang tính gốc\.$/
    );
  });
});
