/** @jest-environment jsdom */
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { buildAnnexLayout, layoutSnapshot } from "../../src/domain";
import { MemoryHost } from "../helpers/memoryHost";
import { bieu01, renderPane } from "../taskpane/paneTestKit";

/**
 * Tính cột's self-check option: on a sheet made by hand, the "Kiểm tra" column is written only when
 * the box is ticked, and a second click writes nothing more.
 */
const layout = buildAnnexLayout(bieu01(), { year: 2023 });
const SHEET = "Cao Lộc";

function handMadeHost(): MemoryHost {
  const snap = layoutSnapshot(layout, false);
  const rows = snap.values.map((cells, r) =>
    r <= layout.lastDataRow
      ? (cells ?? []).map((v, c) => (c < layout.selfCheck.column ? v : undefined))
      : []
  );
  return new MemoryHost().addSheet(SHEET, rows);
}

it("Tính cột adds the Kiểm tra column only with the box ticked, and only once", async () => {
  const host = handMadeHost();
  const user = userEvent.setup({ delay: null });
  await renderPane(host, { tab: "fill" });
  const fill = await screen.findByRole("button", { name: "Tính cột" });
  const header = `${String.fromCharCode(65 + layout.selfCheck.column)}${layout.headerRows[0] + 1}`;

  await user.click(fill);
  await screen.findByText(/Đã ghi \d+ ô công thức/);
  expect(host.cell(SHEET, header)?.value ?? "").toBe("");

  await user.click(screen.getByRole("checkbox", { name: /Thêm cột Kiểm tra/ }));
  await user.click(fill);
  const done = await screen.findByText(/Đã ghi (\d+) ô công thức/);
  expect(Number(/Đã ghi (\d+) ô/.exec(done.textContent ?? "")?.[1])).toBe(
    layout.selfCheck.cells.length + 1
  );
  expect(host.cell(SHEET, header)?.value).toBe("Kiểm tra");

  await user.click(fill);
  expect(await screen.findByText(/Không có gì cần ghi/)).toBeTruthy();
});
