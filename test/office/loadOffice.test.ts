/**
 * @jest-environment jsdom
 */
import { loadOffice, OFFICE_JS_URL, resetOfficeLoad } from "../../src/office/loadOffice";

type FakeOffice = {
  onReady: () => Promise<{ host: unknown; platform: unknown }>;
  HostType?: { Excel: string };
};

function officeScripts(): HTMLScriptElement[] {
  return Array.from(document.querySelectorAll("script")).filter((s) => s.src.includes("office"));
}

function setOffice(office: FakeOffice | undefined): void {
  (window as unknown as { Office?: FakeOffice }).Office = office;
}

beforeEach(() => {
  resetOfficeLoad();
  setOffice(undefined);
  document.head.innerHTML = "";
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

test("a script that never loads ends at the deadline with the offline message, in both languages", async () => {
  const result = loadOffice({ timeoutMs: 8000 });
  expect(officeScripts().map((s) => s.src)).toEqual([OFFICE_JS_URL]);

  let done = false;
  void result.then(() => (done = true));
  await jest.advanceTimersByTimeAsync(7999);
  expect(done).toBe(false);
  await jest.advanceTimersByTimeAsync(1);

  const load = await result;
  expect(load).toMatchObject({ host: "offline", reason: "script-timeout" });
  expect(load.message.vi).toContain("8 giây");
  expect(load.message.vi).toContain("ngoại tuyến");
  expect(load.message.en).toContain("8 s");
  expect(load.message.en).toContain(OFFICE_JS_URL);
});

test("a script that fails to load says so at once, and the next call tries again", async () => {
  const first = loadOffice({ timeoutMs: 8000 });
  const [script] = officeScripts();
  script.dispatchEvent(new Event("error"));
  const load = await first;
  expect(load).toMatchObject({ host: "offline", reason: "script-error" });
  expect(load.message.vi).toContain("Không tải được Office.js");
  expect(officeScripts()).toHaveLength(0);

  const second = loadOffice({ timeoutMs: 8000 });
  expect(second).not.toBe(first);
  expect(officeScripts()).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(8000);
  await second;
});

test("a script that loads and whose Office.onReady says host null → outside Office", async () => {
  const result = loadOffice({ timeoutMs: 8000 });
  const [script] = officeScripts();
  setOffice({
    onReady: () => Promise.resolve({ host: null, platform: null }),
    HostType: { Excel: "Excel" },
  });
  script.dispatchEvent(new Event("load"));

  const load = await result;
  expect(load).toMatchObject({ host: "outside-office", reason: "no-host" });
  expect(load.message.vi).toContain("ngoài Excel");
  expect(load.message.en).toContain("outside Excel");
});

test("inside Excel it resolves to excel, without adding a second script when Office.js is already there", async () => {
  setOffice({
    onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
    HostType: { Excel: "Excel" },
  });
  const load = await loadOffice();
  expect(load).toMatchObject({ host: "excel", reason: "ready" });
  expect(officeScripts()).toHaveLength(0);
  // The pane and a command share one answer.
  expect(await loadOffice()).toBe(load);
});

test("another Office application is named", async () => {
  setOffice({
    onReady: () => Promise.resolve({ host: "Word", platform: "PC" }),
    HostType: { Excel: "Excel" },
  });
  const load = await loadOffice();
  expect(load).toMatchObject({ host: "outside-office", reason: "other-host" });
  expect(load.message.vi).toContain("Word");
});

test("an Office.js whose onReady never answers does not hang: the deadline reports no answer", async () => {
  const result = loadOffice({ timeoutMs: 5000 });
  const [script] = officeScripts();
  setOffice({ onReady: () => new Promise(() => undefined) });
  script.dispatchEvent(new Event("load"));
  await jest.advanceTimersByTimeAsync(5000);
  const load = await result;
  expect(load).toMatchObject({ host: "outside-office", reason: "no-answer" });
  expect(load.message.vi).toContain("5 giây");
});

test("a script that loads but defines no Office is reported as a failed load", async () => {
  const result = loadOffice({ timeoutMs: 8000 });
  officeScripts()[0].dispatchEvent(new Event("load"));
  expect(await result).toMatchObject({ host: "offline", reason: "script-error" });
});

test("after a deadline, the next call waits for the tag still loading instead of adding a second one", async () => {
  const first = loadOffice({ timeoutMs: 8000 });
  await jest.advanceTimersByTimeAsync(8000);
  expect(await first).toMatchObject({ host: "offline", reason: "script-timeout" });

  const second = loadOffice({ timeoutMs: 8000 });
  expect(officeScripts()).toHaveLength(1);
  setOffice({
    onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
    HostType: { Excel: "Excel" },
  });
  officeScripts()[0].dispatchEvent(new Event("load"));
  expect(await second).toMatchObject({ host: "excel", reason: "ready" });
});

/** The page's own static tag, as webpack's pages have it in their head (parser-inserted: no async). */
function staticTag(): HTMLScriptElement {
  const tag = document.createElement("script");
  tag.setAttribute("src", OFFICE_JS_URL);
  tag.removeAttribute("async");
  document.head.appendChild(tag);
  return tag;
}

test("the page's static tag that failed (offline) is tried once more, and its failure is said at once", async () => {
  const page = staticTag();
  const result = loadOffice({ timeoutMs: 8000 });
  // The static tag has run by now (it blocks the parser): no Office means it failed; a fresh one replaces it.
  expect(page.isConnected).toBe(false);
  const scripts = officeScripts();
  expect(scripts).toHaveLength(1);
  scripts[0].dispatchEvent(new Event("error"));
  const load = await result;
  expect(load).toMatchObject({ host: "offline", reason: "script-error" });
  expect(load.message.en).toContain(OFFICE_JS_URL);
});

test("the page's static tag that loaded: Office.js is used as it is, no second script", async () => {
  const page = staticTag();
  setOffice({
    onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
    HostType: { Excel: "Excel" },
  });
  expect(await loadOffice()).toMatchObject({ host: "excel", reason: "ready" });
  expect(officeScripts()).toEqual([page]);
});

test("the page's static tag outside Office: the outside-Office message", async () => {
  staticTag();
  setOffice({
    onReady: () => Promise.resolve({ host: null, platform: null }),
    HostType: { Excel: "Excel" },
  });
  const load = await loadOffice();
  expect(load).toMatchObject({ host: "outside-office", reason: "no-host" });
  expect(load.message.en).toContain("outside Excel");
});
