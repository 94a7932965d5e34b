import { parse } from "acorn";
import { JSDOM } from "jsdom";
import { OFFICE_JS_URL } from "../../src/office/loadOffice";
import { renderPage as render, WebviewLoader, WEBVIEWS } from "./addinPages";

/**
 * commands.html, the ribbon's function file, in the webviews Excel shows add-ins in. Excel 2019 bought
 * outright uses Internet Explorer 11 (volume licence) or the old Edge, which cannot parse the ES2022
 * bundle: what the page loads by itself must be ES5, load the bundle only where it can run, and
 * otherwise have the buttons say why (in both languages) and complete their event.
 */

const BUNDLE = "commands.0123abcd.js";

/** The page's inline scripts and the URLs of its external ones. */
function scriptsOf(html: string): { inline: string[]; external: string[] } {
  const doc = new JSDOM(html).window.document;
  const all = Array.from(doc.querySelectorAll("script"));
  return {
    inline: all.filter((s) => !s.src).map((s) => s.textContent ?? ""),
    external: all.filter((s) => s.src).map((s) => s.getAttribute("src") ?? ""),
  };
}

const es5 = (code: string) => parse(code, { ecmaVersion: 5, sourceType: "script" });

interface FakeDialog {
  handlers: Record<string, () => void>;
  closed: number;
}

/** Opens commands.html as a webview would; `old` makes the browser unable to parse ES2015+ syntax. */
function openCommands(old: boolean, dialogOpens = true) {
  const dialogs: string[] = [];
  const associated: string[] = [];
  let dialog: FakeDialog | undefined;
  const html = render("src/commands/commands.html", {}, [BUNDLE]);
  const dom = new JSDOM(html, {
    url: "https://addin.soldtbxh.example.gov.vn/bieu/commands.html?_host_Info=Excel",
    runScripts: "dangerously",
    resources: new WebviewLoader(old ? WEBVIEWS.ie11 : WEBVIEWS.webView2),
    beforeParse(window) {
      const w = window as unknown as Record<string, unknown>;
      if (old) {
        const Native = w.Function as FunctionConstructor;
        const SyntaxErr = w.SyntaxError as SyntaxErrorConstructor;
        // Internet Explorer 11: anything past ES5 is a syntax error.
        w.Function = function (...args: string[]) {
          const body = args[args.length - 1] ?? "";
          if (/\?\.|\?\?|=>|\bclass\b|\blet\b|\bconst\b/.test(body))
            throw new SyntaxErr("ES5 only");
          return Native(...args);
        };
      }
      w.Office = {
        onReady: (callback: () => void) => setTimeout(callback, 0),
        actions: { associate: (name: string) => associated.push(name) },
        context: {
          ui: {
            displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
              dialogs.push(url);
              if (!dialogOpens) return cb({ status: "failed" });
              dialog = {
                handlers: {},
                closed: 0,
              };
              const d = dialog;
              cb({
                status: "succeeded",
                value: {
                  addEventHandler: (type: string, h: () => void) => (d.handlers[type] = h),
                  close: () => d.closed++,
                },
              });
            },
          },
        },
      };
    },
  });
  const w = dom.window as unknown as Record<string, unknown>;
  return { dom, w, dialogs, associated, dialog: () => dialog };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("what commands.html loads by itself", () => {
  test("every inline script of the function file, its old-webview dialog and the pane's page parses as ES5", () => {
    const pages = [
      render("src/commands/commands.html", {}, [BUNDLE]),
      render("src/commands/old-webview.html"),
      render("src/office/page.html", { officeJs: true }),
    ];
    let scripts = 0;
    for (const html of pages)
      for (const code of scriptsOf(html).inline) {
        expect(() => es5(code)).not.toThrow();
        scripts++;
      }
    expect(scripts).toBe(3);
    // The check can fail: the syntax the bundle uses is refused at ecmaVersion 5.
    expect(() => es5("var o = null; var x = o?.a ?? 1;")).toThrow();
    expect(() => es5("class A { x = 1 }")).toThrow();
  });

  test("its only external script is Office.js, in the head, before the guard; the bundle is not among them", () => {
    const html = render("src/commands/commands.html", {}, [BUNDLE]);
    expect(scriptsOf(html).external).toEqual([OFFICE_JS_URL]);
    const doc = new JSDOM(html).window.document;
    const head = Array.from(doc.head.querySelectorAll("script"));
    expect(head.map((s) => s.getAttribute("src") ?? "inline")).toEqual([OFFICE_JS_URL, "inline"]);
    expect(head[0].hasAttribute("async") || head[0].hasAttribute("defer")).toBe(false);
  });

  test("Office.js is a static script in the head of the pane, the report dialog and the old-webview dialog, not of the preview", () => {
    const headScripts = (html: string) =>
      Array.from(new JSDOM(html).window.document.head.querySelectorAll("script[src]")).map((s) =>
        s.getAttribute("src")
      );
    expect(headScripts(render("src/office/page.html", { officeJs: true }))).toEqual([
      OFFICE_JS_URL,
    ]);
    expect(headScripts(render("src/commands/report.html"))).toEqual([OFFICE_JS_URL]);
    expect(headScripts(render("src/commands/old-webview.html"))).toEqual([OFFICE_JS_URL]);
    expect(headScripts(render("src/office/page.html", { officeJs: false }))).toEqual([]);
  });
});

describe("commands.html in a modern webview", () => {
  test("loads the commands' bundle; a click before it arrives is kept for it, later ones go straight to it", async () => {
    const { dom, w, dialogs } = openCommands(false);
    const added = Array.from(dom.window.document.querySelectorAll("script[src]")).map((s) =>
      s.getAttribute("src")
    );
    expect(added).toEqual([OFFICE_JS_URL, BUNDLE]);
    const early = { completed: jest.fn() };
    (w.checkActiveSheet as (e: unknown) => void)(early);
    expect(w.__annexPendingCommands).toEqual([["checkActiveSheet", early]]);
    // The bundle registers (officeCommands.ts replays what was kept; its own test covers that).
    const real = jest.fn();
    w.__annexCommands = { checkActiveSheet: real, fillDerivedColumns: real };
    const late = { completed: jest.fn() };
    (w.fillDerivedColumns as (e: unknown) => void)(late);
    expect(real).toHaveBeenCalledWith(late);
    expect(w.__annexPendingCommands).toHaveLength(1);
    await tick();
    expect(dialogs).toEqual([]);
  });
});

describe("commands.html in Internet Explorer 11 or the old Edge", () => {
  test("does not load the bundle; both buttons open the old-webview dialog beside the page and complete on close", async () => {
    const { dom, w, dialogs, associated, dialog } = openCommands(true);
    const srcs = Array.from(dom.window.document.querySelectorAll("script[src]")).map((s) =>
      s.getAttribute("src")
    );
    expect(srcs).toEqual([OFFICE_JS_URL]);
    await tick();
    expect(associated.sort()).toEqual(["checkActiveSheet", "fillDerivedColumns"]);

    for (const name of ["checkActiveSheet", "fillDerivedColumns"]) {
      const event = { completed: jest.fn() };
      (w[name] as (e: unknown) => void)(event);
      expect(dialogs[dialogs.length - 1]).toBe(
        "https://addin.soldtbxh.example.gov.vn/bieu/old-webview.html"
      );
      // Open until the person closes it: its Close button messages, or its ✕.
      expect(event.completed).not.toHaveBeenCalled();
      const d = dialog() as FakeDialog;
      if (name === "checkActiveSheet") d.handlers.dialogMessageReceived();
      else d.handlers.dialogEventReceived();
      d.handlers.dialogEventReceived();
      expect(event.completed).toHaveBeenCalledTimes(1);
      expect(d.closed).toBe(name === "checkActiveSheet" ? 1 : 0);
    }
  });

  test("a dialog that cannot open (another one is open) still completes the event at once", () => {
    const { w, dialogs } = openCommands(true, false);
    const event = { completed: jest.fn() };
    (w.checkActiveSheet as (e: unknown) => void)(event);
    expect(dialogs).toHaveLength(1);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  test("the dialog says what the pane says there, in Vietnamese and English, and what it means for the buttons", () => {
    const dialog = new JSDOM(render("src/commands/old-webview.html")).window.document.body
      .textContent as string;
    const flat = (s: string) => s.replace(/\s+/g, " ");
    // The pane's message, as its page shows it in Internet Explorer 11.
    const paneText = flat(
      new JSDOM(render("src/office/page.html", { officeJs: true }), {
        runScripts: "dangerously",
        resources: new WebviewLoader(WEBVIEWS.ie11),
      }).window.document.getElementById("root")?.textContent ?? ""
    );
    const [vi, en] = paneText.split("This Excel");
    expect(vi).toContain("trình duyệt cũ");
    expect(flat(dialog)).toContain(vi.trim());
    expect(flat(dialog)).toContain(`This Excel${en}`.trim());
    expect(flat(dialog)).toContain("Các nút Kiểm tra và Tính cột cũng không chạy được ở đây.");
    expect(flat(dialog)).toContain("The Check and Fill columns buttons cannot run here either.");
  });
});
