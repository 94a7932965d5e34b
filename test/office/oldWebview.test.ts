import { JSDOM } from "jsdom";
import { renderPage, WebviewLoader, WEBVIEWS } from "./addinPages";

/**
 * The pane's page in the webviews of Excel 2016/2019 bought outright: Internet Explorer 11 (Trident)
 * and the old Edge (EdgeHTML) cannot run the pane's code, so the page itself says so, in Vietnamese
 * and English, instead of staying blank. The page's inline script runs as those browsers would run it.
 */
const template = renderPage("src/office/page.html", { officeJs: true });

function open(userAgent: string): Document {
  // The loader sets navigator.userAgent and fetches nothing (Office.js stays a tag).
  const resources = new WebviewLoader(userAgent);
  return new JSDOM(template, { runScripts: "dangerously", resources }).window.document;
}

describe("the pane's page in an old webview", () => {
  test.each([
    ["Internet Explorer 11", WEBVIEWS.ie11],
    ["the old Edge", WEBVIEWS.edgeLegacy],
  ])("%s: a bilingual message in place of the pane", (_name, ua) => {
    const root = open(ua).getElementById("root") as HTMLElement;
    expect(root.getAttribute("role")).toBe("alert");
    expect(root.textContent).toContain("trình duyệt cũ");
    expect(root.textContent).toContain("Excel 2021 trở lên, Microsoft 365");
    expect(root.textContent).toContain("This Excel shows add-ins in an old browser");
  });

  test("Edge WebView2 (Excel 2021, Microsoft 365) and browsers: the root is left to the pane", () => {
    const root = open(WEBVIEWS.webView2).getElementById("root") as HTMLElement;
    expect(root.childNodes).toHaveLength(0);
    expect(root.hasAttribute("role")).toBe(false);
  });
});
