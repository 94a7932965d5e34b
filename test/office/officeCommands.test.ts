/**
 * @jest-environment jsdom
 */
import { AnnexSession } from "../../src/app/annexSession";
import { TEMPLATE_STORAGE_KEY } from "../../src/app/customTemplates";
import { reportFromUrl } from "../../src/commands/commandReport";
import { FUNCTIONS, registerCommands } from "../../src/commands/officeCommands";
import { openOfficeSession } from "../../src/commands/officeSession";
import { findTemplate } from "../../src/domain";
import { resetOfficeLoad } from "../../src/office/loadOffice";

type Global = Record<string, unknown>;

function fakeOffice(host: string | null) {
  const associated: string[] = [];
  const dialogs: string[] = [];
  const office = {
    onReady: () => Promise.resolve({ host, platform: host ? "PC" : null }),
    HostType: { Excel: "Excel" },
    actions: { associate: (name: string) => associated.push(name) },
    context: {
      ui: {
        displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
          dialogs.push(url);
          cb({ status: "failed" }); // as if a dialog were already open: the command must still complete
        },
      },
    },
  };
  (window as unknown as Global).Office = office;
  (globalThis as unknown as Global).Office = office;
  return { associated, dialogs };
}

beforeEach(() => {
  resetOfficeLoad();
  for (const name of Object.keys(FUNCTIONS)) delete (window as unknown as Global)[name];
});

test("inside Excel the manifest's functions become globals at once and are associated once Office.js is ready", async () => {
  const { associated } = fakeOffice("Excel");
  registerCommands();
  for (const name of Object.keys(FUNCTIONS))
    expect(typeof (window as unknown as Global)[name]).toBe("function");
  await new Promise((r) => setTimeout(r, 0));
  expect(associated.sort()).toEqual(Object.keys(FUNCTIONS).sort());
});

test("a command clicked outside Excel reports why and still completes its event", async () => {
  const { associated, dialogs } = fakeOffice(null);
  registerCommands();
  await new Promise((r) => setTimeout(r, 0));
  expect(associated).toEqual([]);
  const event = { completed: jest.fn() };
  await FUNCTIONS.checkActiveSheet(event);
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(dialogs).toHaveLength(1);
  const report = reportFromUrl(dialogs[0]);
  expect(report.tone).toBe("error");
  expect(report.lines[0].vi).toContain("ngoài Excel");
});

test("the ribbon's session knows the department's templates the pane stored", async () => {
  const stored = {
    ...findTemplate("bieu-01-ke-hoach-nam"),
    id: "bieu-01-cao-loc",
    form: "Biểu số 01-CL",
  };
  localStorage.setItem(TEMPLATE_STORAGE_KEY, JSON.stringify([JSON.stringify(stored)]));
  const g = globalThis as unknown as Global;
  g.Excel = { run: async () => undefined };
  g.Office = { context: { requirements: { isSetSupported: () => true } } };
  try {
    const session = (await openOfficeSession()) as AnnexSession;
    expect(session.templates()[0]).toMatchObject({ id: "bieu-01-cao-loc", custom: true });
  } finally {
    delete g.Excel;
    localStorage.removeItem(TEMPLATE_STORAGE_KEY);
  }
});

test("a click commands.html's guard kept before the bundle arrived is run once the bundle registers", async () => {
  const { dialogs } = fakeOffice(null);
  const event = { completed: jest.fn() };
  const g = window as unknown as Global;
  g.__annexPendingCommands = [["checkActiveSheet", event]];
  registerCommands();
  expect(g.__annexPendingCommands).toEqual([]);
  expect(g.__annexCommands).toBe(FUNCTIONS);
  await new Promise((r) => setTimeout(r, 20));
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(reportFromUrl(dialogs[0]).lines[0].vi).toContain("ngoài Excel");
  delete g.__annexPendingCommands;
  delete g.__annexCommands;
});
