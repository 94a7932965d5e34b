import { readdirSync, readFileSync } from "fs";
import * as path from "path";
import { loadTemplate } from "../../src/domain/template/loadTemplate";

const { withoutSources } = require("../../scripts/templateSources.cjs") as {
  withoutSources: (t: unknown) => unknown;
};

/**
 * The add-in ships the built-in templates without their seed citations (webpack.config.js): the
 * pane must still check with exactly the rows, relations and words the command line uses.
 */
const DIR = path.join(__dirname, "../../src/domain/catalog/templates");

describe.each(readdirSync(DIR).filter((f) => f.endsWith(".json")))(
  "%s as the add-in ships it",
  (file) => {
    const data = JSON.parse(readFileSync(path.join(DIR, file), "utf8")) as {
      sections: Array<Record<string, unknown>>;
      indicators: Array<Record<string, unknown>>;
    };
    const shipped = withoutSources(data) as typeof data;

    test("loads, and is the catalog's template but for the sources", () => {
      const full = loadTemplate(data, file);
      const lean = loadTemplate(shipped, file);
      const drop = <T extends { source?: unknown }>(items: readonly T[]) =>
        items.map((item) => {
          const copy: Partial<T> = { ...item };
          delete copy.source;
          return copy;
        });
      expect(lean).toEqual({
        ...full,
        sections: drop(full.sections),
        indicators: drop(full.indicators),
      });
    });

    test("no row or section keeps a source; the file itself still cites its seeds", () => {
      expect(shipped.indicators.some((i) => "source" in i)).toBe(false);
      expect(shipped.sections.some((s) => "source" in s)).toBe(false);
      if (file.startsWith("bieu-01") || file.startsWith("bieu-02"))
        expect(data.indicators.filter((i) => "source" in i).length).toBeGreaterThan(10);
      expect(JSON.stringify(shipped).length).toBeLessThan(JSON.stringify(data).length + 1);
    });
  }
);
