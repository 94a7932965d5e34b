import * as React from "react";
import {
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndo20Regular, Calculator20Regular } from "@fluentui/react-icons";
import type { Bilingual, FillResult } from "../app";
import { Notice, ProblemBar, Progress } from "./Feedback";
import { useAction, usePane } from "./paneContext";
import { cellsText, S } from "./strings";
import { TargetsFile } from "./TargetsFile";
import { useTabLayout } from "./tabLayout";

const useStyles = makeStyles({
  kept: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    overflowWrap: "anywhere",
  },
});

/** The self-check option: words an officer uses, Vietnamese first. */
const SELF_CHECK: Bilingual = {
  vi: "Thêm cột Kiểm tra và tô đỏ ô chưa khớp, để người nhận không có bổ trợ vẫn thấy lỗi",
  en: "Add a Kiểm tra column and red cells where figures disagree, for recipients without the add-in",
};

/** Tính cột: write the derived formulas, keep what a person typed unless told, undo exactly. */
export function FillTab(): React.JSX.Element {
  const { session, t, changed } = usePane();
  const styles = useStyles();
  const layout = useTabLayout();
  const action = useAction();
  const [result, setResult] = React.useState<FillResult | undefined>();
  const [done, setDone] = React.useState<Bilingual | undefined>();
  const [asking, setAsking] = React.useState(false);
  const [working, setWorking] = React.useState<Bilingual>(S.filling);
  const [selfCheck, setSelfCheck] = React.useState(false);

  const fill = async (overwrite: boolean) => {
    setWorking(S.filling);
    setAsking(false);
    setDone(undefined);
    const outcome = await action.run(() => session.fill({ overwrite, selfCheck }));
    if (!outcome) return;
    setResult(outcome.ok ? outcome.value : undefined);
    changed();
  };

  const undo = async () => {
    setWorking(S.undoing);
    const outcome = await action.run(() => session.undo());
    if (!outcome) return;
    if (outcome.ok) {
      setResult(undefined);
      setDone(outcome.value.summary);
    }
    changed();
  };

  const undoLabel = session.undoLabel;
  const kept = result?.kept ?? [];

  return (
    <div className={layout.screen}>
      <Text>{t(S.fillIntro)}</Text>
      <div className={layout.row}>
        <Button
          appearance="primary"
          icon={<Calculator20Regular />}
          onClick={() => fill(false)}
          disabled={action.busy}
        >
          {t(S.fill)}
        </Button>
        <Button
          icon={<ArrowUndo20Regular />}
          onClick={undo}
          disabled={action.busy || !session.canUndo}
          aria-label={undoLabel ? t(undoLabel) : t(S.undo)}
        >
          {undoLabel ? t(undoLabel) : t(S.undo)}
        </Button>
        <Progress show={action.showProgress} label={working} />
      </div>
      <Checkbox
        checked={selfCheck}
        onChange={(_e, data) => setSelfCheck(data.checked === true)}
        label={t(SELF_CHECK)}
        disabled={action.busy}
      />
      <TargetsFile />
      <ProblemBar problem={action.problem} onDismiss={action.clearProblem} />
      {done && <Notice intent="success" text={done} />}
      {result && (
        <Notice intent={result.askOverwrite ? "warning" : "success"} text={result.summary}>
          {result.askOverwrite && (
            <Button onClick={() => setAsking(true)} disabled={action.busy}>
              {t(S.overwrite)}
            </Button>
          )}
        </Notice>
      )}
      {kept.length > 0 && (
        <section aria-label={t(S.keptCaption)}>
          <Text weight="semibold" as="h3">
            {t(S.keptCaption)} ({t(cellsText(kept.length))})
          </Text>
          <ul className={styles.kept}>
            {kept.map((k) => (
              <li key={k.address}>
                <Text weight="semibold">{k.address}</Text>: <Caption1>{k.found}</Caption1>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Dialog open={asking} onOpenChange={(_e, data) => setAsking(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t(S.overwriteTitle)}</DialogTitle>
            <DialogContent>
              {kept.map((k) => (
                <Text as="p" key={k.address} block>
                  {t(k.reason)}
                </Text>
              ))}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => fill(true)}>
                {`${t(S.overwriteConfirm)} ${t(cellsText(kept.length))}`}
              </Button>
              <Button onClick={() => setAsking(false)}>{t(S.overwriteCancel)}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
