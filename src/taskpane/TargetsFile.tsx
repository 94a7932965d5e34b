import * as React from "react";
import { Button, makeStyles, Text } from "@fluentui/react-components";
import { Delete20Regular, DocumentAdd20Regular } from "@fluentui/react-icons";
import type { Bilingual, TargetsView } from "../app";
import { Notice, ProblemBar, Progress } from "./Feedback";
import { useAction, usePane } from "./paneContext";
import { S } from "./strings";
import { useTabLayout } from "./tabLayout";
import { FilePicker } from "./FilePicker";

const useStyles = makeStyles({
  // The refusal lists the file's problems one a line, as the command line does.
  problem: { whiteSpace: "pre-line" },
});

/**
 * The province's targets file, in Kiểm tra and Tính cột alike (#17): chosen once, kept with the
 * workbook (the session writes it into "_annex"), shown with what it holds, removable. The sheet is
 * checked again with it; the other screens follow through `changed()`.
 */
export function TargetsFile(): React.JSX.Element {
  const { session, t, revision, changed } = usePane();
  const styles = useStyles();
  const layout = useTabLayout();
  const action = useAction();
  const [targets, setTargets] = React.useState<TargetsView | undefined>(session.targets);
  const [known, setKnown] = React.useState(session.targetsKnown);
  const [notice, setNotice] = React.useState<Bilingual | undefined>();

  // A check or fill elsewhere reads the workbook, and with it the targets it keeps.
  React.useEffect(() => {
    setTargets(session.targets);
    setKnown(session.targetsKnown);
  }, [session, revision]);

  const done = (value: { targets?: TargetsView; summary: Bilingual }) => {
    setTargets(value.targets);
    setKnown(true);
    setNotice(value.summary);
    changed();
  };

  const choose = async (file: File) => {
    setNotice(undefined);
    const text = await file.text();
    const outcome = await action.run(() => session.chooseTargets(text, file.name));
    if (outcome?.ok) done(outcome.value);
  };

  const remove = async () => {
    setNotice(undefined);
    const outcome = await action.run(() => session.removeTargets());
    if (outcome?.ok) done(outcome.value);
  };

  return (
    <section aria-label={t(S.targetsCaption)} className={layout.screen}>
      <Text weight="semibold" as="h3">
        {t(S.targetsCaption)}
      </Text>
      <Text>{targets ? t(targets.summary) : t(known ? S.targetsNone : S.targetsUnknown)}</Text>
      <div className={layout.row}>
        <FilePicker
          label={t(S.chooseTargets)}
          accept=".json,application/json"
          size="small"
          icon={<DocumentAdd20Regular />}
          onFiles={(files) => void choose(files[0])}
          disabled={action.busy}
        />
        {targets && (
          <Button size="small" icon={<Delete20Regular />} onClick={remove} disabled={action.busy}>
            {t(S.removeTargets)}
          </Button>
        )}
        <Progress show={action.showProgress} label={S.savingTargets} />
      </div>
      <div className={styles.problem}>
        <ProblemBar problem={action.problem} onDismiss={action.clearProblem} />
      </div>
      {notice && <Notice intent="success" text={notice} />}
    </section>
  );
}
