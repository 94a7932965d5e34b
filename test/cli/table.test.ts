import { renderTable } from "../../src/cli/table";

describe("the plain-text table", () => {
  const header = ["Mã mẫu", "Tên"];
  const rows = [
    [
      "bieu-03-ho-tro-nha-o-nguoi-co-cong",
      "KẾT QUẢ HỖ TRỢ NHÀ Ở ĐỐI VỚI NGƯỜI CÓ CÔNG VỚI CÁCH MẠNG",
    ],
  ];

  test("wraps the long text to fit, never the fixed id column, and aligns Vietnamese text", () => {
    const lines = renderTable(header, rows, 60).split("\n");
    expect(lines.every((l) => [...l].length <= 60)).toBe(true);
    expect(lines[2].startsWith("bieu-03-ho-tro-nha-o-nguoi-co-cong  KẾT QUẢ")).toBe(true);
    expect(lines[3]).toMatch(/^ {36}\S/);
    expect(lines.slice(2).join(" ").replace(/\s+/g, " ")).toContain("CÓ CÔNG VỚI CÁCH MẠNG");
  });

  test("a wide terminal keeps every row on one line", () => {
    expect(renderTable(header, rows, 200).split("\n")).toHaveLength(3);
  });
});
