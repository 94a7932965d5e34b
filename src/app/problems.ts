import { Bilingual } from "../domain";
import { HostError, HostProblem } from "../host/annexHost";

/**
 * Why an action could not do its job, in words an officer acts on. Every session action returns either
 * its result or one of these; none throws for a problem a person can meet (a sheet that is not an annex,
 * a password, an older Excel, no Office.js).
 */
export type ProblemCode =
  | HostProblem
  | "no-annex"
  | "unknown-template"
  | "template-missing"
  | "template-invalid"
  | "template-conflict"
  | "targets-invalid"
  | "invalid-sheet-name"
  | "nothing-to-undo"
  | "not-checked"
  | "no-room-for-self-check"
  | "unknown-province"
  | "unexpected";

export interface Problem {
  readonly code: ProblemCode;
  readonly message: Bilingual;
  /**
   * Cells written before the failure; empty when nothing changed. The message already names them (the
   * host's HostError text does), so a screen shows the message alone.
   */
  readonly written: readonly string[];
  /** A sheet name to offer instead, when the one asked for is taken. */
  readonly suggestion?: string;
}

/** Every session action's answer: the result, or the problem that stopped it. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

export function success<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function failure<T>(
  code: ProblemCode,
  message: Bilingual,
  extra: { written?: readonly string[]; suggestion?: string } = {}
): Outcome<T> {
  return {
    ok: false,
    problem: {
      code,
      message,
      written: extra.written ?? [],
      ...(extra.suggestion !== undefined ? { suggestion: extra.suggestion } : {}),
    },
  };
}

/** A host's failure as it is; anything else as an unexpected problem that still names what happened. */
export function problemOf<T>(e: unknown): Outcome<T> {
  if (e instanceof HostError) return failure(e.problem, e.text, { written: e.written });
  const detail = e instanceof Error ? e.message : String(e);
  return failure("unexpected", {
    vi: `Đã xảy ra lỗi không mong đợi: ${detail}. Hãy thử lại; nếu vẫn lỗi, hãy báo cho bộ phận hỗ trợ.`,
    en: `Something unexpected went wrong: ${detail}. Try again; if it persists, tell your support team.`,
  });
}

/** Runs an action and turns whatever it throws into a Problem. */
export async function attempt<T>(action: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await action();
  } catch (e) {
    return problemOf(e);
  }
}
