import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowDownload20Regular,
  DocumentTable20Regular,
  FolderOpen20Regular,
} from "@fluentui/react-icons";
import type { Bilingual, DistrictFileReport } from "../app";
import {
  DistrictMerge,
  districtReportBytes,
  LeftOutGroup,
  mergeDistrictReports,
} from "../app/districtFiles";
import { identifySenders, rememberedProvince, rememberProvince } from "../app/unitSenders";
import type { BatchSenders } from "../domain/units";
import { FindingList } from "./FindingList";
import { Notice, ProblemBar } from "./Feedback";
import { useAction, usePane } from "./paneContext";
import { readingText, S } from "./strings";
import { useTabLayout } from "./tabLayout";
import { offerDownload, XLSX_TYPE } from "./offerDownload";
import { FilePicker } from "./FilePicker";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  // Columns as wide as their content: the file and its unit take what the figures leave.
  table: { tableLayout: "auto", width: "100%" },
  number: { width: "1%", textAlign: "right", whiteSpace: "nowrap" },
  form: { width: "1%", whiteSpace: "nowrap" },
  unit: { display: "block", color: tokens.colorNeutralForeground2 },
  fileButton: {
    minWidth: 0,
    paddingLeft: 0,
    justifyContent: "flex-start",
    textAlign: "left",
    overflowWrap: "anywhere",
    height: "auto",
  },
  chosen: { backgroundColor: tokens.colorNeutralBackground1Selected },
  actions: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  leftOut: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

/** The files Tổng hợp left out, one expandable group per reason with its count. */
function LeftOutList(props: { readonly groups: readonly LeftOutGroup[] }): React.JSX.Element {
  const { t } = usePane();
  const styles = useStyles();
  return (
    <section aria-label={t(S.leftOutFiles)}>
      <Text weight="semibold">{t(S.leftOutFiles)}</Text>
      <Accordion multiple collapsible>
        {props.groups.map((g) => (
          <AccordionItem key={g.reason} value={g.reason}>
            <AccordionHeader size="small">{`${t(g.title)} (${g.files.length})`}</AccordionHeader>
            <AccordionPanel>
              <ul className={styles.leftOut}>
                {g.files.map((f, i) => (
                  <li key={`${f.file}-${i}`}>
                    <Caption1>{t(f.message)}</Caption1>
                  </li>
                ))}
              </ul>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}

/**
 * Hồ sơ đơn vị: pick the files the communes (or, up to 2025, the districts) sent, see one summary row
 * per file with the unit it is from, who of the province has not sent, and the chosen file's findings.
 */
export function DistrictFilesTab(): React.JSX.Element {
  const { session, t } = usePane();
  const styles = useStyles();
  const layout = useTabLayout();
  const action = useAction();
  const [reports, setReports] = React.useState<readonly DistrictFileReport[]>([]);
  const [chosen, setChosen] = React.useState(0);
  const [progress, setProgress] = React.useState<{ value: number; text: Bilingual } | undefined>();
  /** What the last report download made. */
  const [made, setMade] = React.useState<Bilingual | undefined>();
  /** What the last Tổng hợp came to: its verdict, and the files it left out. */
  const [mergeResult, setMergeResult] = React.useState<DistrictMerge | undefined>();
  /** The province receiving the files: asked once, remembered (issue #21). */
  const [province, setProvince] = React.useState(rememberedProvince);
  const [senders, setSenders] = React.useState<BatchSenders | undefined>();

  const identify = async (list: readonly DistrictFileReport[], name: string) => {
    if (!list.length) return setSenders(undefined);
    const outcome = await action.run(() => identifySenders(list, name));
    setSenders(outcome?.ok ? outcome.value : undefined);
  };

  const check = async (files: File[]) => {
    setReports([]);
    setMade(undefined);
    setMergeResult(undefined);
    const outcome = await action.run(() =>
      session.checkFiles(files, (done, total, file) =>
        setProgress(
          done < total ? { value: done / total, text: readingText(done, total, file) } : undefined
        )
      )
    );
    setProgress(undefined);
    if (outcome?.ok) {
      setReports(outcome.value);
      setChosen(0);
      await identify(outcome.value, province);
    }
  };

  const report = reports[chosen];

  const merge = async () => {
    setMade(undefined);
    setMergeResult(undefined);
    const outcome = await action.run(() =>
      mergeDistrictReports(reports, province.trim() || undefined)
    );
    if (!outcome?.ok) return;
    offerDownload(outcome.value.bytes, outcome.value.fileName, XLSX_TYPE);
    setMergeResult(outcome.value);
  };

  const downloadReport = async () => {
    setMade(undefined);
    const outcome = await action.run(() => districtReportBytes(reports, senders));
    if (!outcome?.ok) return;
    offerDownload(outcome.value.bytes, outcome.value.fileName, XLSX_TYPE);
    setMade(S.reportReady);
  };

  return (
    <div className={layout.screen}>
      <Text>{t(S.districtsIntro)}</Text>
      <Field label={t(S.province)} hint={t(S.provinceHint)}>
        <Input
          value={province}
          placeholder="Lạng Sơn"
          onChange={(_, d) => setProvince(d.value)}
          onBlur={() => {
            rememberProvince(province);
            void identify(reports, province);
          }}
        />
      </Field>
      <div>
        <FilePicker
          label={t(S.chooseFiles)}
          accept={`.xlsx,${XLSX_TYPE}`}
          multiple
          appearance="primary"
          icon={<FolderOpen20Regular />}
          onFiles={(files) => void check(files)}
          disabled={action.busy}
        />
      </div>
      {progress && (
        <div role="status">
          <ProgressBar value={progress.value} aria-label={t(progress.text)} />
          <Caption1>{t(progress.text)}</Caption1>
        </div>
      )}
      <ProblemBar problem={action.problem} onDismiss={action.clearProblem} />
      {reports.length > 0 && (
        <div className={styles.actions}>
          <Caption1>{t(S.mergeHint)}</Caption1>
          <div className={styles.buttons}>
            <Button
              icon={<DocumentTable20Regular />}
              onClick={() => void merge()}
              disabled={action.busy}
            >
              {t(S.mergeFiles)}
            </Button>
            <Button
              icon={<ArrowDownload20Regular />}
              onClick={() => void downloadReport()}
              disabled={action.busy}
            >
              {t(S.downloadReport)}
            </Button>
          </div>
        </div>
      )}
      {made && <Notice intent="success" text={made} />}
      {mergeResult && <Notice intent={mergeResult.level} text={mergeResult.summary} />}
      {mergeResult && mergeResult.groups.length > 0 && <LeftOutList groups={mergeResult.groups} />}
      {senders?.completeness && (
        <Notice
          intent={senders.completeness.missing.length ? "warning" : "success"}
          text={senders.completeness.message}
        />
      )}
      {reports.length > 0 && (
        <div className={styles.scroll}>
          <Table size="extra-small" aria-label={t(S.summaryCaption)} className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{`${t(S.colFile)} / ${t(S.colUnitName)}`}</TableHeaderCell>
                <TableHeaderCell className={styles.form}>
                  {`${t(S.colTemplate)} / ${t(S.colYear)}`}
                </TableHeaderCell>
                <TableHeaderCell className={styles.number}>{t(S.colErrors)}</TableHeaderCell>
                <TableHeaderCell className={styles.number}>{t(S.colWarnings)}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {reports.map((r, i) => (
                <TableRow
                  key={`${r.file}-${i}`}
                  className={i === chosen ? styles.chosen : undefined}
                  aria-selected={i === chosen}
                >
                  <TableCell>
                    <Button
                      appearance="transparent"
                      size="small"
                      className={styles.fileButton}
                      aria-label={`${t(S.showFindings)} ${r.file}`}
                      aria-pressed={i === chosen}
                      onClick={() => setChosen(i)}
                    >
                      {r.file}
                    </Button>
                    <Caption1 className={styles.unit}>
                      {r.problem
                        ? t(S.unreadable)
                        : (senders?.files.get(r.file)?.label ?? r.unit ?? t(S.unknownUnit))}
                    </Caption1>
                    {senders?.files.get(r.file)?.otherProvince && (
                      <Caption1 className={styles.unit}>
                        {t(senders.files.get(r.file)?.otherProvince ?? S.unknownUnit)}
                      </Caption1>
                    )}
                  </TableCell>
                  <TableCell className={styles.form}>
                    {r.form ?? "—"}
                    <Caption1 className={styles.unit}>{r.year ?? ""}</Caption1>
                  </TableCell>
                  <TableCell className={styles.number}>
                    {r.problem ? "—" : r.counts.error}
                  </TableCell>
                  <TableCell className={styles.number}>
                    {r.problem ? "—" : r.counts.warning}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {report && (
        <section aria-label={`${t(S.findingsOf)} ${report.file}`} className={layout.screen}>
          <Text as="h3" weight="semibold">
            {`${t(S.findingsOf)} ${report.file}`}
          </Text>
          {report.problem ? (
            <Notice intent="warning" text={report.problem.message} />
          ) : (
            <>
              <Text role="status">{t(report.summary)}</Text>
              {report.sheets.map((s) => (
                <FindingList key={s.sheet} groups={s.groups} />
              ))}
              {report.unreadSheets?.map((u) => (
                <Notice key={u.sheet} intent="warning" text={u.text} />
              ))}
              {report.ignoredSheets.length > 0 && (
                <Caption1>{`${t(S.ignoredSheets)}: ${report.ignoredSheets.join(", ")}`}</Caption1>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
