import * as React from "react";
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowUndo20Regular,
  CheckmarkCircle20Regular,
  Eraser20Regular,
  Highlight20Regular,
  NumberSymbol20Regular,
} from "@fluentui/react-icons";
import { SEVERITIES, SEVERITY_LABEL } from "../app";
import type { Bilingual, CheckReport, FindingView, Problem } from "../app";
import { ExplainedList, FindingList, SEVERITY_BADGE } from "./FindingList";
import { Notice, ProblemBar, Progress } from "./Feedback";
import { useAction, usePane } from "./paneContext";
import { S } from "./strings";
import { TargetsFile } from "./TargetsFile";
import { useTabLayout } from "./tabLayout";

const useStyles = makeStyles({
  counts: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  dialog: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/** Kiểm tra: check the active sheet, see the findings, go to their cells, highlight, convert numbers. */
export function CheckTab(): React.JSX.Element {
  const { session, t, revision, changed } = usePane();
  const styles = useStyles();
  const layout = useTabLayout();
  const action = useAction();
  const [report, setReport] = React.useState<CheckReport | undefined>(session.lastReport);
  const [stale, setStale] = React.useState(false);
  /** What the progress says while an action runs. */
  const [working, setWorking] = React.useState<Bilingual>(S.checking);
  const [ticked, setTicked] = React.useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = React.useState<{ text: Bilingual; undo?: boolean } | undefined>();
  /** A re-check after edits that could not be done (the sheet is no longer an annex…). */
  const [watchProblem, setWatchProblem] = React.useState<Problem | undefined>();
  const watching = React.useRef<Promise<() => Promise<void>> | undefined>(undefined);
  /** The finding being explained (giải trình) in the dialog, and the reason typed so far. */
  const [explaining, setExplaining] = React.useState<FindingView | undefined>();
  const [reason, setReason] = React.useState("");

  // Another screen (Tính cột, Hoàn tác) may have checked the sheet again.
  React.useEffect(() => {
    if (session.lastReport) setReport(session.lastReport);
  }, [session, revision]);

  React.useEffect(
    () => () => {
      void watching.current?.then((stop) => stop());
    },
    []
  );

  const watch = () => {
    watching.current ??= session
      .watch((event) => {
        if (event.type === "stale") setStale(true);
        else {
          setStale(false);
          if (event.outcome.ok) {
            setReport(event.outcome.value);
            setWatchProblem(undefined);
          } else {
            setReport(undefined);
            setWatchProblem(event.outcome.problem);
          }
        }
      })
      .catch(() => async () => undefined);
  };

  const check = async () => {
    setWorking(S.checking);
    setNotice(undefined);
    setWatchProblem(undefined);
    const outcome = await action.run(() => session.check());
    if (!outcome) return;
    setStale(false);
    if (outcome.ok) {
      setReport(outcome.value);
      setTicked(new Set());
      watch();
    } else setReport(undefined);
    // The check read the workbook, and with it the targets file it keeps (TargetsFile shows it).
    changed();
  };

  const select = (f: FindingView) => void action.run(() => session.select(f));

  const highlight = async () => {
    setWorking(S.highlighting);
    const outcome = await action.run(() => session.highlightAll());
    if (outcome?.ok) setNotice({ text: outcome.value.summary });
  };

  const clear = async () => {
    setWorking(S.working);
    const outcome = await action.run(() => session.clearHighlights());
    if (outcome?.ok) setNotice({ text: outcome.value.summary });
  };

  const convert = async () => {
    setWorking(S.converting);
    const outcome = await action.run(() => session.fixNumbers([...ticked]));
    if (outcome?.ok) {
      setNotice({ text: outcome.value.summary, undo: outcome.value.converted > 0 });
      setTicked(new Set());
      if (session.lastReport) setReport(session.lastReport);
      changed();
    }
  };

  const undo = async () => {
    setWorking(S.undoing);
    const outcome = await action.run(() => session.undo());
    if (outcome?.ok) {
      setNotice({ text: outcome.value.summary });
      if (session.lastReport) setReport(session.lastReport);
    }
    changed();
  };

  const openExplain = (f: FindingView) => {
    setReason("");
    setExplaining(f);
  };

  const saveExplanation = async () => {
    const f = explaining;
    if (!f) return;
    setExplaining(undefined);
    setWorking(S.explaining);
    const outcome = await action.run(() => session.explain(f.id, reason));
    if (outcome?.ok) {
      setNotice({ text: outcome.value.summary });
      setReport(outcome.value.report);
    } else if (session.lastReport) setReport(session.lastReport);
  };

  const withdraw = async (key: string) => {
    setWorking(S.working);
    const outcome = await action.run(() => session.withdrawExplanation(key));
    if (outcome?.ok) {
      setNotice({ text: outcome.value.summary });
      setReport(outcome.value.report);
    }
  };

  const tick = (id: string, on: boolean) =>
    setTicked((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const total = report?.findings.length ?? 0;
  const fixable = report?.findings.filter((f) => f.fixable).length ?? 0;

  return (
    <div className={layout.screen}>
      <Text>{t(S.checkIntro)}</Text>
      <div className={layout.row}>
        <Button
          appearance="primary"
          icon={<CheckmarkCircle20Regular />}
          onClick={check}
          disabled={action.busy}
        >
          {t(S.checkSheet)}
        </Button>
        <Progress show={action.showProgress} label={working} />
      </div>
      <TargetsFile />
      <ProblemBar
        problem={action.problem ?? watchProblem}
        onDismiss={() => {
          action.clearProblem();
          setWatchProblem(undefined);
        }}
      />
      {stale && <Notice intent="info" text={S.stale} />}
      {notice && (
        <Notice intent="success" text={notice.text}>
          {notice.undo && session.undoLabel && (
            <Button icon={<ArrowUndo20Regular />} onClick={undo} disabled={action.busy}>
              {t(session.undoLabel)}
            </Button>
          )}
        </Notice>
      )}
      {report && (
        <>
          <Text weight="semibold" role="status">
            {t(report.summary)}
          </Text>
          <div className={styles.counts} aria-hidden>
            {SEVERITIES.map((s) => (
              <Badge key={s} color={SEVERITY_BADGE[s]} appearance="tint">
                {`${t(SEVERITY_LABEL[s])}: ${report.counts[s]}`}
              </Badge>
            ))}
          </div>
          {report.protection === "password" && <Notice intent="warning" text={S.protectedNote} />}
          <div className={layout.row}>
            <Button
              icon={<Highlight20Regular />}
              onClick={highlight}
              disabled={action.busy || !total}
            >
              {t(S.highlightAll)}
            </Button>
            <Button icon={<Eraser20Regular />} onClick={clear} disabled={action.busy}>
              {t(S.clearHighlights)}
            </Button>
            {fixable > 0 && (
              <Button
                icon={<NumberSymbol20Regular />}
                onClick={convert}
                disabled={action.busy || ticked.size === 0}
              >
                {`${t(S.convertTicked)} (${ticked.size})`}
              </Button>
            )}
          </div>
          {total === 0 ? (
            <Notice intent="success" text={S.noFindings} />
          ) : (
            <FindingList
              groups={report.groups}
              onSelect={select}
              ticked={ticked}
              onTick={tick}
              onExplain={openExplain}
            />
          )}
          <ExplainedList
            explained={report.explained}
            stale={report.staleExplanations}
            onSelect={select}
            onWithdraw={withdraw}
            disabled={action.busy}
          />
        </>
      )}
      <Dialog
        open={explaining !== undefined}
        onOpenChange={(_e, data) => !data.open && setExplaining(undefined)}
      >
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{`${t(S.explainTitle)} ${explaining?.cells[0] ?? ""}`}</DialogTitle>
            <DialogContent className={styles.dialog}>
              {explaining && <Text>{t(explaining.message)}</Text>}
              <Field label={t(S.explainReason)} hint={t(S.explainHint)} required>
                <Textarea
                  value={reason}
                  onChange={(_e, data) => setReason(data.value)}
                  resize="vertical"
                  rows={3}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={saveExplanation}
                disabled={!reason.trim() || action.busy}
              >
                {t(S.explainSave)}
              </Button>
              <Button onClick={() => setExplaining(undefined)}>{t(S.explainCancel)}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
