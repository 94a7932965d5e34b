import { builtInTemplates, Template } from "../src/domain";

export function template(id: string): Template {
  const t = builtInTemplates().find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}
