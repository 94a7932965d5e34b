import { buildAnnexLayout, samplePlan } from "../../src/domain";
import { AnnexSession } from "../../src/app/annexSession";
import { failure, problemOf, success } from "../../src/app/problems";
import { CommandReport } from "../../src/commands/commandReport";
import {
  checkCommand,
  CommandDeps,
  CommandSession,
  fillCommand,
  KEPT_LISTED,
  ribbonHandler,
} from "../../src/commands/ribbonCommands";
import { hostError } from "../../src/host/office/officeErrors";
import { MemoryHost } from "../helpers/memoryHost";
import { BIEU01, langSonSample, template as tpl } from "../helpers/annex";

const SHEET = "Biểu 01 - 2023";

/** The Lạng Sơn annex inserted through a session and typed in as a person would. */
async function langSon2023(): Promise<{ host: MemoryHost; session: AnnexSession }> {
  const host = new MemoryHost();
  const session = new AnnexSession(host);
  const inserted = await session.insert({ templateId: BIEU01, year: 2023 });
  if (!inserted.ok) throw new Error(inserted.problem.message.en);
  host.typePlan(samplePlan(buildAnnexLayout(tpl(), { year: 2023 }), tpl(), langSonSample));
  return { host, session };
}

const text = (report: CommandReport): string =>
  report.lines.map((l) => `${l.vi} | ${l.en}`).join("\n");

describe("Kiểm tra (ribbon)", () => {
  it("checks the active sheet, highlights every finding's cells, selects the most serious one and reports the counts", async () => {
    const { host, session } = await langSon2023();
    // What a separate check of the same workbook finds, to compare against.
    const expected = await new AnnexSession(host).check();
    if (!expected.ok) throw new Error(expected.problem.message.en);
    const { counts, findings, groups } = expected.value;
    expect(findings.length).toBeGreaterThan(0);

    const report = await checkCommand(session);

    expect(report.lines[0]).toEqual(expected.value.summary);
    expect(report.lines[0].vi).toContain(`${counts.warning} cảnh báo`);
    expect(report.tone).toBe(counts.error > 0 ? "error" : "warning");
    const marked = new Set((host.highlights.get(SHEET) ?? []).map((h) => h.address));
    for (const f of findings) for (const cell of f.cells) expect(marked.has(cell)).toBe(true);
    const first = groups[0].sections[0].findings[0];
    expect(host.selection).toEqual({ sheet: SHEET, cells: first.cells });
    expect(text(report)).toContain(`Đã chọn ô ${first.cells[0]}: ${first.message.vi}`);
    expect(text(report)).toContain(`Selected cell ${first.cells[0]}`);
  });

  it("on a sheet that holds no annex says so, writes nothing and selects nothing", async () => {
    const host = new MemoryHost()
      .addSheet("Ghi chép", [["Họ tên", "Số điện thoại"]])
      .activate("Ghi chép");
    const before = host.dump("Ghi chép");
    const report = await checkCommand(new AnnexSession(host));
    expect(report.tone).toBe("error");
    expect(report.title.vi).toBe("Chưa kiểm tra được");
    expect(report.lines[0].vi).toContain("Hãy mở trang tính có biểu chỉ tiêu");
    expect(host.selection).toBeUndefined();
    expect(host.highlights.size).toBe(0);
    expect(host.dump("Ghi chép")).toEqual(before);
  });
});

describe("Tính cột (ribbon)", () => {
  it("fills the derived formulas, and a second run writes nothing", async () => {
    const { host, session } = await langSon2023();
    const first = await fillCommand(session);
    expect(first.title.vi).toBe("Tính cột xong");
    const written = Number(/Đã ghi (\d+) ô/.exec(first.lines[0].vi)?.[1]);
    expect(written).toBeGreaterThan(0);
    const formulas = Object.values(host.dump(SHEET)).filter((c) => c.formula).length;
    expect(formulas).toBeGreaterThanOrEqual(written);

    const after = host.dump(SHEET);
    const second = await fillCommand(session);
    expect(second.title).toEqual({ vi: "Không có gì cần ghi", en: "Nothing to write" });
    expect(second.tone).toBe("ok");
    expect(host.dump(SHEET)).toEqual(after);
  });

  it("keeps a cell a person typed in a derived column, names it and points to the pane to overwrite", async () => {
    const { host, session } = await langSon2023();
    await fillCommand(session);
    const [address] = Object.entries(host.dump(SHEET)).find(([, c]) => c.formula) ?? [];
    if (!address) throw new Error("no formula written");
    host.type(SHEET, { [address]: 99 });

    const report = await fillCommand(session);
    expect(report.tone).toBe("warning");
    expect(host.cell(SHEET, address)?.value).toBe(99);
    expect(host.cell(SHEET, address)?.formula).toBeUndefined();
    expect(text(report)).toContain(`Giữ nguyên ô ${address} ("99")`);
    expect(text(report)).toContain("hỏi trước khi ghi đè");
  });

  it(`names at most ${KEPT_LISTED} kept cells and counts the rest`, async () => {
    const kept = Array.from({ length: KEPT_LISTED + 3 }, (_, i) => ({
      address: `H${11 + i}`,
      found: String(i),
      reason: { vi: "ô người dùng đã nhập", en: "typed by a person" },
    }));
    const session = {
      fill: async () =>
        success({
          sheet: SHEET,
          written: 0,
          kept,
          askOverwrite: true,
          summary: { vi: "Không có gì cần ghi", en: "Nothing to write" },
        }),
    } as unknown as CommandSession;
    const report = await fillCommand(session);
    expect(report.lines.filter((l) => l.vi.startsWith("Giữ nguyên ô"))).toHaveLength(KEPT_LISTED);
    expect(text(report)).toContain("… và 3 ô khác.");
  });
});

describe("a problem part-way (Tính cột)", () => {
  it("names the cells written before it stopped once: the host's message already does", async () => {
    const stopped = hostError(
      "excel-error",
      { vi: "Excel dừng giữa chừng.", en: "Excel stopped part-way." },
      ["E11:E20"]
    );
    const session = { fill: async () => problemOf(stopped) } as unknown as CommandSession;
    const report = await fillCommand(session);
    expect(report.tone).toBe("error");
    expect(report.lines).toEqual([stopped.text]);
    expect(text(report).split("E11:E20")).toHaveLength(3); // once in Vietnamese, once in English
  });
});

describe("ribbonHandler: the event is completed exactly once, after the report, whatever happens", () => {
  function event() {
    return { completed: jest.fn() };
  }

  it("waits for the person to close the report before completing", async () => {
    let close: () => void = () => undefined;
    const shown: CommandReport[] = [];
    const deps: CommandDeps = {
      session: async () => success({} as CommandSession),
      show: (report) => {
        shown.push(report);
        return new Promise<void>((resolve) => (close = resolve));
      },
    };
    const e = event();
    const running = ribbonHandler(
      async () => ({ tone: "ok", title: { vi: "X", en: "X" }, lines: [] }),
      deps
    )(e);
    await new Promise((r) => setTimeout(r, 0));
    expect(shown).toHaveLength(1);
    expect(e.completed).not.toHaveBeenCalled();
    close();
    await running;
    expect(e.completed).toHaveBeenCalledTimes(1);
  });

  interface Variant {
    session?: CommandDeps["session"];
    show?: CommandDeps["show"];
    command?: () => Promise<CommandReport>;
    completedThrows?: boolean;
  }
  it.each<[string, Variant]>([
    [
      "no session (outside Excel)",
      {
        session: async () =>
          failure<CommandSession>("office-unavailable", { vi: "ngoài Excel", en: "outside Excel" }),
      },
    ],
    ["the session throws", { session: async () => Promise.reject(new Error("boom")) }],
    ["the command throws", { command: async () => Promise.reject(new Error("boom")) }],
    ["the report cannot be shown", { show: async () => Promise.reject(new Error("no dialog")) }],
    ["completing throws", { completedThrows: true }],
  ])("%s", async (_name, variant) => {
    const shown: CommandReport[] = [];
    const deps: CommandDeps = {
      session: variant.session ?? (async () => success({} as CommandSession)),
      show:
        variant.show ??
        (async (report) => {
          shown.push(report);
        }),
    };
    const e = event();
    if (variant.completedThrows)
      e.completed.mockImplementation(() => {
        throw new Error("already completed");
      });
    const command =
      variant.command ??
      (async (): Promise<CommandReport> => ({
        tone: "ok",
        title: { vi: "X", en: "X" },
        lines: [],
      }));
    await expect(ribbonHandler(command, deps)(e)).resolves.toBeUndefined();
    expect(e.completed).toHaveBeenCalledTimes(1);
    if (variant.session && !variant.show) {
      expect(shown).toHaveLength(1);
      expect(shown[0].tone).toBe("error");
      expect(text(shown[0])).toMatch(/ngoài Excel|boom/);
    }
  });
});
