import * as fs from "fs";
import * as path from "path";
import { ResourceLoader } from "jsdom";

// lodash's template renders the pages as html-webpack-plugin's own loader does (no types shipped).
const template = require("lodash/template") as (
  source: string,
  options: { interpolate: RegExp }
) => (data: unknown) => string;

const root = path.resolve(__dirname, "../..");

/**
 * An add-in page's template (a path from the repository's root) rendered as webpack renders it:
 * `options` are the HtmlWebpackPlugin's (title, officeJs), `js` the bundles it would list.
 */
export function renderPage(
  file: string,
  options: Record<string, unknown> = {},
  js: string[] = []
): string {
  const source = fs.readFileSync(path.join(root, file), "utf8");
  return template(source, { interpolate: /<%=([\s\S]+?)%>/g })({
    htmlWebpackPlugin: { options: { title: "Biểu chỉ tiêu", ...options }, files: { js } },
  });
}

/**
 * A jsdom resource loader with the webview's user agent that fetches nothing: Office.js from the CDN
 * and the bundles stay tags, as on a computer where they have not arrived yet.
 */
export class WebviewLoader extends ResourceLoader {
  constructor(userAgent: string) {
    super({ userAgent });
  }
  override fetch(): null {
    return null;
  }
}

export const WEBVIEWS = {
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko",
  edgeLegacy:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041",
  webView2:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
};
