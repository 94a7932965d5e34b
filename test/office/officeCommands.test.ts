/**
 * @jest-environment jsdom
 */
import { reportFromUrl } from "../../src/commands/commandReport";
import { FUNCTIONS, registerCommands } from "../../src/commands/officeCommands";
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
