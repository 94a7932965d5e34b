import { Template } from "./schema";

/**
 * A template compiled once into integer indices: code → position, and every relation resolved to
 * positions. Per-sheet work then indexes arrays instead of hashing codes, which is what keeps large
 * annexes (100k rows) linear. Cached per template object.
 */
export type CompiledRelation =
  | { readonly type: "sum"; readonly of: readonly string[]; readonly parts: readonly number[] }
  | {
      readonly type: "partOf";
      readonly of: string;
      readonly total: number;
      readonly carriedOver: boolean;
    }
  | {
      readonly type: "ratio";
      readonly numerator: string;
      readonly denominator: string;
      readonly scale: number;
      readonly n: number;
      readonly d: number;
    }
  | { readonly type: "reduction"; readonly of: string; readonly rate: number };

export interface CompiledTemplate {
  readonly codeIndex: ReadonlyMap<string, number>;
  /** relations[i]: the relations of indicator i, with positions; -1 where a code is unknown. */
  readonly relations: ReadonlyArray<readonly CompiledRelation[]>;
}

const cache = new WeakMap<Template, CompiledTemplate>();

export function compileTemplate(template: Template): CompiledTemplate {
  const cached = cache.get(template);
  if (cached) return cached;
  const codeIndex = new Map(template.indicators.map((ind, i) => [ind.code, i]));
  const at = (code: string) => codeIndex.get(code) ?? -1;
  const relations = template.indicators.map((ind) =>
    ind.relations.map((rel): CompiledRelation => {
      switch (rel.type) {
        case "sum":
          return { type: "sum", of: rel.of, parts: rel.of.map(at) };
        case "partOf":
          return {
            type: "partOf",
            of: rel.of,
            total: at(rel.of),
            carriedOver: rel.carriedOver === true,
          };
        case "ratio":
          return { ...rel, n: at(rel.numerator), d: at(rel.denominator) };
        case "reduction":
          return { type: "reduction", of: rel.of, rate: at(rel.of) };
      }
    })
  );
  const compiled = { codeIndex, relations };
  cache.set(template, compiled);
  return compiled;
}
