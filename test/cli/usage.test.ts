import { promises as fs } from "fs";
import * as path from "path";
import * as options from "../../src/cli/options";
import { usage } from "../../src/cli/main";
import { EXIT } from "../../src/cli/io";
import { annex } from "../helpers/cli";

/**
 * The usage text follows the parsers: every option a command's parser takes is named in its usage
 * line (annex --help, both languages) and in the README's, and neither names an option the parser
 * would refuse. The options common to every command are named once, in the common lines.
 */
const COMMANDS = ["templates", "new", "check", "fill", "explain", "merge", "rollover"] as const;
const COMMON = Object.keys(options.COMMON);

/** The option table each command hands to parse(), as it runs (an unknown option stops it there). */
async function optionTables(): Promise<Map<string, Record<string, { short?: string }>>> {
  const spy = jest.spyOn(options, "parse");
  const tables = new Map<string, Record<string, { short?: string }>>();
  try {
    for (const command of COMMANDS) {
      spy.mockClear();
      const r = await annex(command, "--no-such-option");
      expect({ command, code: r.code }).toEqual({ command, code: 2 });
      expect(spy).toHaveBeenCalledTimes(1);
      tables.set(command, spy.mock.calls[0][1] as Record<string, { short?: string }>);
    }
  } finally {
    spy.mockRestore();
  }
  return tables;
}

/** The options a usage text names: --name, and -o. */
function named(text: string): Set<string> {
  return new Set(text.match(/(?<![\w-])--?[a-z][\w-]*/g) ?? []);
}

/** A table's options, without those common to every command: each by its spellings (--output, -o). */
function own(table: Record<string, { short?: string }>): string[][] {
  return Object.entries(table)
    .filter(([name, o]) => !COMMON.includes(name) || o !== options.COMMON[name as "lang"])
    .map(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
}

/** The options of `table` that `text` names by none of their spellings. */
function missing(table: Record<string, { short?: string }>, shown: Set<string>): string[] {
  return own(table)
    .filter((spellings) => !spellings.some((s) => shown.has(s)))
    .map((spellings) => spellings[0]);
}

/** Every spelling a table accepts, the common options included. */
function accepted(table: Record<string, { short?: string }>): Set<string> {
  return new Set(
    Object.entries(table).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])])
  );
}

async function readmeBlock(): Promise<string[]> {
  const readme = await fs.readFile(path.join(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## The `annex` command"));
  const block = /```text\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block.split("\n");
}

describe("usage text follows the option parsers", () => {
  let tables: Map<string, Record<string, { short?: string }>>;
  beforeAll(async () => {
    tables = await optionTables();
  });

  test.each(COMMANDS.map((c) => [c]))("annex --help: %s", (command) => {
    const table = tables.get(command)!;
    for (const lang of ["vi", "en"] as const) {
      const line = usage(lang)
        .split("\n")
        .filter((l) => l.startsWith(`  annex ${command} `))
        .join("\n");
      const shown = named(line);
      expect({ lang, missing: missing(table, shown) }).toEqual({
        lang,
        missing: [],
      });
      expect({ lang, unknown: [...shown].filter((o) => !accepted(table).has(o)) }).toEqual({
        lang,
        unknown: [],
      });
    }
  });

  test.each(COMMANDS.map((c) => [c]))("README: %s", async (command) => {
    const table = tables.get(command)!;
    const lines = (await readmeBlock()).filter((l) => l.startsWith(`annex ${command} `));
    const shown = named(lines.map((l) => l.replace(/ {2,}\S.*$/, "")).join("\n"));
    expect({ missing: missing(table, shown) }).toEqual({ missing: [] });
    expect({ unknown: [...shown].filter((o) => !accepted(table).has(o)) }).toEqual({
      unknown: [],
    });
  });

  test("the common options and every exit status are named in both", async () => {
    const common = COMMON.filter((o) => o !== "help").map((o) => `--${o}`);
    const readme = (await readmeBlock()).filter((l) => /^common:|^ {2,}--/.test(l)).join("\n");
    for (const text of [usage("vi"), usage("en"), readme])
      expect(common.filter((o) => !named(text).has(o))).toEqual([]);
    const readmeText = await fs.readFile(path.join(__dirname, "../../README.md"), "utf8");
    for (const status of Object.values(EXIT)) {
      expect(usage("vi")).toMatch(new RegExp(`Mã thoát:[\\s\\S]*\\b${status} `));
      expect(usage("en")).toMatch(new RegExp(`Exit status:[\\s\\S]*\\b${status} `));
      expect(readmeText).toMatch(new RegExp(`- Exit status:[^\\n]*(\\n  [^\\n]*)*\\b${status} `));
    }
  });
});
