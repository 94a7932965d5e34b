import * as fs from "fs";
import * as path from "path";
import { JSDOM, ResourceLoader } from "jsdom";

/**
 * The pane's page in the webviews of Excel 2016/2019 bought outright: Internet Explorer 11 (Trident)
 * and the old Edge (EdgeHTML) cannot run the pane's code, so the page itself says so, in Vietnamese
 * and English, instead of staying blank. The page's inline script runs as those browsers would run it.
 */
const template = fs
  .readFileSync(path.join(__dirname, "../../src/office/page.html"), "utf8")
  .replace("<%= htmlWebpackPlugin.options.title %>", "Biểu chỉ tiêu");

function open(userAgent: string): Document {
  // The template has no external resources (webpack injects the bundle later); the loader only sets
  // navigator.userAgent.
  const resources = new ResourceLoader({ userAgent });
  return new JSDOM(template, { runScripts: "dangerously", resources }).window.document;
}

const WEBVIEWS = {
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko",
  edgeLegacy:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041",
  webView2:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
};

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
