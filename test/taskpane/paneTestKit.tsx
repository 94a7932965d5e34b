import { TextDecoder as NodeTextDecoder } from "util";
import { configure, render, RenderResult, screen } from "@testing-library/react";
import { createDOMRenderer, RendererProvider } from "@fluentui/react-components";
import {
  buildAnnexLayout,
  findTemplate,
  samplePlan,
  SampleFigures,
  Template,
} from "../../src/domain";
import type { Lang } from "../../src/app/language";
import { TabId, TaskPane } from "../../src/taskpane/TaskPane";
import { MemoryHost } from "../helpers/memoryHost";
import langSon from "../../src/samples/bieu-01-lang-son-2023.json";

/** Shared set-up of the pane's component tests: a workbook in memory and the pane over it. */

// jsdom has no TextDecoder; every browser the pane runs in has it (Hồ sơ huyện reads a zip's part
// names with it before ExcelJS unpacks anything).
globalThis.TextDecoder ??= NodeTextDecoder as unknown as typeof TextDecoder;

export const SHEET = "Biểu 01 - 2023";
export const BIEU01 = "bieu-01-ke-hoach-nam";

export function bieu01(): Template {
  return findTemplate(BIEU01) as Template;
}

/**
 * jsdom parses every CSS rule Griffel inserts, which makes Fluent UI tests crawl; the tests look at
 * roles, names and text, not at styles, so no rule is written. Panels not shown carry `hidden`, so
 * role queries need not compute styles either.
 */
const noCss = createDOMRenderer(document, { unstable_filterCSSRule: () => false });
configure({ defaultHidden: true, asyncUtilTimeout: 3000 });

/** Fluent UI asks the browser about reduced motion; jsdom has no matchMedia. */
export function installBrowserStubs(): void {
  if (!window.matchMedia)
    Object.defineProperty(window, "matchMedia", {
      configurable: true,
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
}

/** The Lạng Sơn annex of the domain brief, laid out and typed in as a person would. */
export function langSonHost(host = new MemoryHost()): MemoryHost {
  const sample = langSon as SampleFigures;
  const layout = buildAnnexLayout(bieu01(), {
    year: 2023,
    authority: sample.authority,
    unitName: sample.unitName,
  });
  void host.insertAnnex(layout);
  host.typePlan(samplePlan(layout, bieu01(), sample));
  return host;
}

/** The address of an indicator's cell in the Lạng Sơn layout. */
export function addressOf(code: string, columnId: string): string {
  const layout = buildAnnexLayout(bieu01(), { year: 2023 });
  const row = layout.rowOf.get(code) as number;
  const col = bieu01().columns.findIndex((c) => c.id === columnId);
  return `${String.fromCharCode(65 + col)}${row + 1}`;
}

/** Renders the pane and waits for its screens (a chunk of their own, see TaskPane). */
export async function renderPane(
  host: MemoryHost,
  options: { tab?: TabId; lang?: Lang } = {}
): Promise<RenderResult> {
  installBrowserStubs();
  localStorage.clear();
  const result = render(
    <RendererProvider renderer={noCss}>
      <TaskPane host={host} lang={options.lang ?? "vi"} initialTab={options.tab ?? "check"} />
    </RendererProvider>
  );
  await screen.findByRole("tablist");
  return result;
}

/** A host whose reads take longer than the pane's progress delay. */
export function slowReads(host: MemoryHost, ms: number): MemoryHost {
  const read = host.readSheet.bind(host);
  host.readSheet = async (name?: string) => {
    await new Promise((r) => setTimeout(r, ms));
    return read(name);
  };
  return host;
}
