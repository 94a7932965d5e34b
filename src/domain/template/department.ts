import raw from "../catalog/departments.json";
import { Localized, Relation, Template } from "./schema";

/**
 * Who fills the annex (issue #21), as data (catalog/departments.json, with its sources): since 2025
 * the former Sở LĐTBXH's fields are split among Sở Nội vụ, Sở Y tế, Sở GD&ĐT and Sở NN&MT, and a
 * commune's Phòng Văn hóa - Xã hội fills the whole form. A department's choice gives the title block's
 * unit line and the blocks (sections) of the forms it owns; without a choice the whole form is laid out.
 */
export interface Department {
  readonly id: string;
  /** "Sở Nội vụ": the unit line of the title block. */
  readonly name: string;
  readonly en: string;
  /** The first and last form years the department fills (the old Sở LĐTBXH: until 2025). */
  readonly from?: number;
  readonly until?: number;
  /** A commune's office (Phòng Văn hóa - Xã hội): the authority is the commune's People's Committee. */
  readonly commune?: boolean;
  readonly fields: Localized;
  /** The sections it owns, per template id; a template it has no entry for is laid out whole. */
  readonly sections?: Readonly<Record<string, readonly string[]>>;
}

const DEPARTMENTS: readonly Department[] = (raw as { departments: Department[] }).departments;

export function departments(): readonly Department[] {
  return DEPARTMENTS;
}

/** The departments that fill a form of that year ("Years up to 2024 keep the old names"). */
export function departmentsFor(year: number): Department[] {
  return DEPARTMENTS.filter(
    (d) => (d.from === undefined || year >= d.from) && (d.until === undefined || year <= d.until)
  );
}

export function findDepartment(id: string): Department | undefined {
  return DEPARTMENTS.find((d) => d.id === id);
}

const variants = new WeakMap<Template, Map<string, Template>>();

/**
 * The form as a department fills it: its own sections and their indicators only, relations to rows
 * it does not hold dropped (a ratio over another department's count is checked by whoever holds
 * both). The template itself when the department owns all of it or has no entry for it.
 */
export function templateForDepartment(
  template: Template,
  departmentId: string | undefined
): Template {
  if (departmentId === undefined) return template;
  const owned = findDepartment(departmentId)?.sections?.[template.id];
  if (!owned) return template;
  const keep = new Set(owned);
  if (template.sections.every((s) => keep.has(s.code))) return template;
  let cache = variants.get(template);
  if (!cache) variants.set(template, (cache = new Map()));
  const made = cache.get(departmentId);
  if (made) return made;
  const indicators = template.indicators.filter(
    (i) => i.section !== undefined && keep.has(i.section)
  );
  const codes = new Set(indicators.map((i) => i.code));
  const held = (r: Relation): boolean => {
    switch (r.type) {
      case "sum":
        return r.of.every((c) => codes.has(c));
      case "partOf":
      case "reduction":
        return codes.has(r.of);
      case "ratio":
        return codes.has(r.numerator) && codes.has(r.denominator);
    }
  };
  const variant: Template = {
    ...template,
    sections: template.sections.filter((s) => keep.has(s.code)),
    indicators: indicators.map((i) => ({ ...i, relations: i.relations.filter(held) })),
  };
  cache.set(departmentId, variant);
  return variant;
}
