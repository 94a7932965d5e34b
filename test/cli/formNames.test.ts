import * as path from "path";
import { annex, tempDir } from "../helpers/cli";

/**
 * Officers see the form's name and period ("Biểu số 02 quý I năm 2020"), never a template id such as
 * "bieu-02-bao-cao-6-thang 2.1.0"; the id stays in --json for whoever scripts the command (#18).
 */
test("annex new and annex check name the form and its period; --json keeps the id", async () => {
  const dir = tempDir("annex-form-names-");
  const file = path.join(dir, "thai-binh-q1.xlsx");
  const made = await annex(
    "new",
    "--template",
    "bieu-02-bao-cao-6-thang",
    "--year",
    "2020",
    "--period",
    "quy-1",
    "--authority",
    "UBND tỉnh Thái Bình",
    "-o",
    file
  );
  expect(made.code).toBe(0);
  expect(made.out).toContain(": Biểu số 02 quý I năm 2020, ");
  expect(made.out).not.toMatch(/bieu-0\d/);

  const checked = await annex("check", file);
  expect(checked.out).toMatch(/Trang tính "[^"]+": Biểu số 02 quý I năm 2020\n/);
  expect(checked.out).not.toMatch(/bieu-0\d/);
  const en = await annex("check", file, "--lang", "en");
  expect(en.out).toMatch(/Sheet "[^"]+": Biểu số 02 for Q1 2020\n/);

  const json = JSON.parse((await annex("check", file, "--json")).out) as {
    files: Array<{ sheets: Array<{ template: Record<string, unknown> }> }>;
  };
  expect(json.files[0].sheets[0].template).toMatchObject({
    id: "bieu-02-bao-cao-6-thang",
    form: "Biểu số 02",
    period: "quy-1",
    year: 2020,
  });
});
