/**
 * An .xlsx package as Excel reads it: through its relationships (_rels/.rels names the workbook part,
 * the workbook's relationships name its sheets), not through the file names most writers happen to
 * use. ExcelJS only finds parts at the usual names (xl/workbook.xml, xl/worksheets/sheetN.xml …), so
 * a valid workbook whose parts sit elsewhere is handed to it renamed to those names. Pure: no Node,
 * no DOM (parts are bytes by name).
 */

/** A sheet of the workbook: its name as the tabs show it and the part holding its cells. */
export interface PackageSheet {
  readonly name: string;
  /** The part's name in the zip, without a leading "/" ("xl/worksheets/sheet1.xml"). */
  readonly part: string;
}

export interface WorkbookPackage {
  /** The workbook part, as the package names it. */
  readonly workbook: string;
  /** "xlsx", or "xlsb" when the workbook part is Excel's binary format (workbook.bin). */
  readonly format: "xlsx" | "xlsb";
  /** The worksheets, in the workbook's order (chart sheets and dialog sheets left out). */
  readonly sheets: readonly PackageSheet[];
  /** New names for parts ExcelJS would not find where they are; empty for a usual package. */
  readonly renames: ReadonlyMap<string, string>;
  /** Relationship parts rewritten to point at the new names (by their new name). */
  readonly rewritten: ReadonlyMap<string, Uint8Array>;
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Resolved against the source part's folder; undefined for an external target. */
  readonly part: string | undefined;
}

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
/** Parts ExcelJS reads by these names only (by the relationship's type). */
const FIXED: Readonly<Record<string, string>> = {
  styles: "xl/styles.xml",
  sharedStrings: "xl/sharedStrings.xml",
  theme: "xl/theme/theme1.xml",
};

/**
 * The package's workbook and sheets by its relationships; undefined when it has no relationship to a
 * workbook part that exists (then it is no workbook, or a damaged one). `names` are the zip's part
 * names; `read` gives a part's bytes.
 */
export function workbookPackage(
  names: readonly string[],
  read: (name: string) => Uint8Array | undefined
): WorkbookPackage | undefined {
  // Part names are case-insensitive in a package; a leading "/" is allowed.
  const byLower = new Map(names.map((n) => [n.replace(/^\//, "").toLowerCase(), n]));
  const find = (part: string | undefined) =>
    part === undefined ? undefined : byLower.get(part.toLowerCase());
  const text = (name: string | undefined) => {
    const bytes = name === undefined ? undefined : read(name);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  };

  const rootRels = find("_rels/.rels");
  const office = relationships(text(rootRels), "").find((r) => typeEnds(r, "officeDocument"));
  const workbook = find(office?.part) ?? (rootRels === undefined ? find(WORKBOOK) : undefined);
  if (workbook === undefined) return undefined;
  const plain = workbook.replace(/^\//, "");
  if (/\.bin$/i.test(plain))
    return {
      workbook: plain,
      format: "xlsb",
      sheets: [],
      renames: new Map(),
      rewritten: new Map(),
    };

  // The main part must be a workbook (a Word document has relationships too).
  const main = text(workbook);
  if (main !== undefined && !/<(?:\w+:)?workbook\b/.test(main)) return undefined;
  const folder = plain.includes("/") ? plain.slice(0, plain.lastIndexOf("/") + 1) : "";
  const relsName = find(relsOf(plain));
  const rels = relationships(text(relsName), folder);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: PackageSheet[] = [];
  for (const s of sheetElements(main ?? "")) {
    const rel = byId.get(s.id);
    const part = rel && typeEnds(rel, "worksheet") ? find(rel.part) : undefined;
    if (part !== undefined) sheets.push({ name: s.name, part: part.replace(/^\//, "") });
  }

  const renames = new Map<string, string>();
  const usual =
    workbook === WORKBOOK &&
    (relsName === undefined || relsName === WORKBOOK_RELS) &&
    sheets.every((s) => /^xl\/worksheets\/sheet\d+\.xml$/.test(s.part)) &&
    rels.every((r) => {
      const fixed = Object.entries(FIXED).find(([type]) => typeEnds(r, type));
      return !fixed || find(r.part) === undefined || find(r.part) === fixed[1];
    });
  if (usual) return { workbook, format: "xlsx", sheets, renames, rewritten: new Map() };

  // Renamed to the usual names: the workbook, its relationships, each sheet (and its own), the parts
  // ExcelJS reads by a fixed name. Other parts keep their names; relationships point at them in full.
  renames.set(workbook, WORKBOOK);
  if (relsName !== undefined) renames.set(relsName, WORKBOOK_RELS);
  const sheetNumber = new Map<string, number>();
  sheets.forEach((s, i) => {
    const original = find(s.part) as string;
    sheetNumber.set(original, i + 1);
    renames.set(original, `xl/worksheets/sheet${i + 1}.xml`);
    const own = find(relsOf(s.part));
    if (own !== undefined) renames.set(own, `xl/worksheets/_rels/sheet${i + 1}.xml.rels`);
  });
  for (const r of rels) {
    const fixed = Object.entries(FIXED).find(([type]) => typeEnds(r, type));
    const part = find(r.part);
    if (fixed && part !== undefined && !renames.has(part)) renames.set(part, fixed[1]);
  }

  const rewritten = new Map<string, Uint8Array>();
  const encode = (s: string) => new TextEncoder().encode(s);
  const target = (part: string | undefined) => {
    const found = find(part);
    const name = found === undefined ? part : (renames.get(found) ?? found.replace(/^\//, ""));
    return name === undefined ? undefined : `/${name}`;
  };
  if (rootRels !== undefined)
    rewritten.set(rootRels, encode(retarget(text(rootRels) ?? "", "", target)));
  if (relsName !== undefined)
    rewritten.set(
      WORKBOOK_RELS,
      // ExcelJS finds a sheet by its target under xl/: "worksheets/sheet1.xml".
      encode(
        retarget(text(relsName) ?? "", folder, (part) => {
          const t = target(part);
          return t?.startsWith("/xl/") ? t.slice(4) : t;
        })
      )
    );
  for (const s of sheets) {
    const own = find(relsOf(s.part));
    const sheetFolder = s.part.slice(0, s.part.lastIndexOf("/") + 1);
    if (own !== undefined)
      rewritten.set(
        renames.get(own) as string,
        encode(retarget(text(own) ?? "", sheetFolder, target))
      );
  }
  return {
    workbook,
    format: "xlsx",
    sheets: sheets.map((s) => ({
      name: s.name,
      part: renames.get(find(s.part) as string) ?? s.part,
    })),
    renames,
    rewritten,
  };
}

/** "xl/_rels/workbook.xml.rels" for "xl/workbook.xml". */
function relsOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function typeEnds(r: Relationship, kind: string): boolean {
  return r.type.endsWith(`/${kind}`);
}

const RELATIONSHIP = /<(?:\w+:)?Relationship\b([^>]*?)\/?>/g;

function relationships(xml: string | undefined, folder: string): Relationship[] {
  if (!xml) return [];
  return [...xml.matchAll(RELATIONSHIP)].map((m) => {
    const attrs = attributes(m[1]);
    const external = (attrs.get("TargetMode") ?? "").toLowerCase() === "external";
    const target = attrs.get("Target") ?? "";
    return {
      id: attrs.get("Id") ?? "",
      type: attrs.get("Type") ?? "",
      part: external ? undefined : resolve(folder, target),
    };
  });
}

/** The XML with each relationship's target replaced by `to(the part it resolved to)`. */
function retarget(
  xml: string,
  folder: string,
  to: (part: string | undefined) => string | undefined
): string {
  return xml.replace(RELATIONSHIP, (whole, attrs: string) => {
    const a = attributes(attrs);
    if ((a.get("TargetMode") ?? "").toLowerCase() === "external") return whole;
    const next = to(resolve(folder, a.get("Target") ?? ""));
    if (next === undefined) return whole;
    return whole.replace(/\bTarget\s*=\s*("[^"]*"|'[^']*')/, `Target="${escapeXml(next)}"`);
  });
}

/** A target resolved against the folder of the part that names it ("../x", "/x", "x"). */
function resolve(folder: string, target: string): string {
  const decoded = unescapeXml(target);
  const path = decoded.startsWith("/") ? decoded.slice(1) : folder + decoded;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** The sheets of workbook.xml: <sheet name="…" r:id="…"/>, whatever the prefixes. */
function sheetElements(xml: string): Array<{ name: string; id: string }> {
  return [...xml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].flatMap((m) => {
    const attrs = attributes(m[1]);
    const name = attrs.get("name");
    const id = [...attrs.entries()].find(([k]) => /(^|:)id$/.test(k) && k !== "sheetId")?.[1];
    return name !== undefined && id !== undefined ? [{ name, id }] : [];
  });
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    out.set(m[1], unescapeXml(m[2] ?? m[3] ?? ""));
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (e[0] !== "#") return named[e.toLowerCase()];
    return String.fromCodePoint(
      e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))
    );
  });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}
