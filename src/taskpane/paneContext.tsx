import * as React from "react";
import type { AnnexSession, Bilingual, Lang, Outcome, Problem } from "../app";

/** What every screen of the pane shares: the session it dispatches to and the language it speaks. */
export interface PaneContext {
  readonly session: AnnexSession;
  readonly lang: Lang;
  /** Bumped after anything that changes the session's undo stack, so the undo buttons follow. */
  readonly revision: number;
  readonly changed: () => void;
}

export const Pane = React.createContext<PaneContext | undefined>(undefined);

export function usePane(): PaneContext & { readonly t: (text: Bilingual) => string } {
  const pane = React.useContext(Pane);
  if (!pane) throw new Error("usePane outside <TaskPane>");
  const { lang } = pane;
  return { ...pane, t: (text: Bilingual) => text[lang] };
}

/** Progress is shown only for work that lasts longer than this (ms), so quick actions do not flash. */
export const PROGRESS_DELAY_MS = 300;

export interface Action {
  /** Runs the action unless one is running; stores its problem, if any. */
  readonly run: <T>(work: () => Promise<Outcome<T>>) => Promise<Outcome<T> | undefined>;
  readonly busy: boolean;
  /** True once the running action has lasted PROGRESS_DELAY_MS. */
  readonly showProgress: boolean;
  readonly problem: Problem | undefined;
  readonly clearProblem: () => void;
}

/** One action at a time per screen, with delayed progress and the last problem. */
export function useAction(): Action {
  const [busy, setBusy] = React.useState(false);
  const [showProgress, setShowProgress] = React.useState(false);
  const [problem, setProblem] = React.useState<Problem | undefined>();
  const running = React.useRef(false);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  const run = React.useCallback(async <T,>(work: () => Promise<Outcome<T>>) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setProblem(undefined);
    const timer = setTimeout(() => mounted.current && setShowProgress(true), PROGRESS_DELAY_MS);
    try {
      const outcome = await work();
      if (mounted.current && !outcome.ok) setProblem(outcome.problem);
      return outcome;
    } finally {
      clearTimeout(timer);
      running.current = false;
      if (mounted.current) {
        setBusy(false);
        setShowProgress(false);
      }
    }
  }, []);
  const clearProblem = React.useCallback(() => setProblem(undefined), []);
  return { run, busy, showProgress, problem, clearProblem };
}
