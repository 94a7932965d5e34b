import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  Select,
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
  CalendarArrowRight20Regular,
  Delete20Regular,
  DocumentAdd20Regular,
  Eye20Regular,
  EyeOff20Regular,
  TableAdd20Regular,
} from "@fluentui/react-icons";
import { yearOf } from "../app";
import type { Bilingual, InsertResult, NextYearResult, Problem } from "../app";
import type { ReportingPeriod } from "../domain";
import { departmentsFor } from "../domain/template/department";
import { Notice, ProblemBar, Progress } from "./Feedback";
import { LearnFromSheet } from "./LearnFromSheet";
import { useAction, usePane } from "./paneContext";
import { S } from "./strings";
import { useTabLayout } from "./tabLayout";
import { FilePicker } from "./FilePicker";

const useStyles = makeStyles({
  preview: {
    maxHeight: "320px",
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  section: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  code: { width: "44px" },
  carried: { maxHeight: "200px", overflowY: "auto", margin: 0, paddingLeft: "16px" },
  // A long template title must not widen the pane: the select takes the pane's width and cuts the text.
  select: { width: "100%", maxWidth: "100%", minWidth: 0 },
  selectElement: { width: "100%", textOverflow: "ellipsis" },
  unit: { width: "72px" },
});

/** Mẫu biểu: choose a template, the year and the unit, see its rows, insert it as a new sheet. */
export function TemplatesTab(): React.JSX.Element {
  const { session, t } = usePane();
  const styles = useStyles();
  const layout = useTabLayout();
  const action = useAction();
  const [yearText, setYearText] = React.useState(String(new Date().getFullYear()));
  const [unitName, setUnitName] = React.useState("");
  /** The department filling the annex (issue #21); "" for the whole form. */
  const [department, setDepartment] = React.useState("");
  const [authority, setAuthority] = React.useState("");
  const [sheetName, setSheetName] = React.useState("");
  const [nameEdited, setNameEdited] = React.useState(false);
  const [showRows, setShowRows] = React.useState(false);
  const [inserted, setInserted] = React.useState<InsertResult | undefined>();
  /** What "Lập biểu năm sau" made, with every figure it carried (issue #21). */
  const [nextYear, setNextYear] = React.useState<NextYearResult | undefined>();
  const [catalogChanged, setCatalogChanged] = React.useState(0);
  const [templateNotice, setTemplateNotice] = React.useState<Bilingual | undefined>();
  const [templateProblem, setTemplateProblem] = React.useState<Problem | undefined>();

  const year = yearOf(yearText);
  const validYear = year !== undefined;
  // Who fills forms of that year: the departments of 2025 from 2025, Sở LĐTBXH before (issue #21).
  const offered = React.useMemo(() => departmentsFor(year ?? new Date().getFullYear()), [year]);
  const unitSuggestion =
    offered.find((d) => d.id === department)?.name ??
    t(year !== undefined && year >= 2025 ? S.unitNamePlaceholderNow : S.unitNamePlaceholder);
  const templates = React.useMemo(
    () => session.templates(year),
    // catalogChanged: a template was added or removed
    [session, year, catalogChanged]
  );
  const [templateId, setTemplateId] = React.useState(() => session.templates()[0]?.id ?? "");
  const chosen = templates.find((c) => c.id === templateId);
  // The reporting period, for a form that offers one: its default until the user picks another.
  const [periodPicked, setPeriodPicked] = React.useState<ReportingPeriod | undefined>();
  const periods = chosen?.periods ?? [];
  const period = periods.find((p) => p.id === periodPicked)?.id ?? periods[0]?.id;

  // The default sheet name follows the template and year until the user types one.
  React.useEffect(() => {
    if (nameEdited || year === undefined || !templateId) return;
    let live = true;
    void session.suggestSheetName(templateId, year).then((o) => {
      if (live && o.ok) setSheetName(o.value);
    });
    return () => {
      live = false;
    };
  }, [session, templateId, year, nameEdited]);

  const preview = React.useMemo(() => {
    if (!showRows || year === undefined) return undefined;
    const o = session.preview(templateId, year, period);
    return o.ok ? o.value : undefined;
  }, [session, showRows, templateId, year, period]);

  const makeNextYear = async () => {
    setInserted(undefined);
    setNextYear(undefined);
    const outcome = await action.run(() => session.nextYear());
    if (outcome?.ok) setNextYear(outcome.value);
  };

  const insert = async () => {
    if (year === undefined) return;
    setInserted(undefined);
    const outcome = await action.run(() =>
      session.insert({
        templateId,
        year,
        unitName,
        authority,
        sheetName,
        ...(period ? { period } : {}),
        ...(offered.some((d) => d.id === department) ? { department } : {}),
      })
    );
    if (outcome?.ok) {
      setInserted(outcome.value);
      setNameEdited(false);
    }
  };

  const addTemplate = async (file: File) => {
    setTemplateNotice(undefined);
    const outcome = session.addTemplate(await file.text(), file.name);
    if (outcome.ok) {
      setTemplateProblem(undefined);
      setTemplateId(outcome.value.id);
      setCatalogChanged((n) => n + 1);
      setTemplateNotice({
        // Named by its form and the file it came from: officers never see a template's id.
        vi: `${S.templateAdded.vi}: ${outcome.value.form} (tệp ${file.name}).`,
        en: `${S.templateAdded.en}: ${outcome.value.form} (file ${file.name}).`,
      });
    } else setTemplateProblem(outcome.problem);
  };

  const removeTemplate = () => {
    const outcome = session.removeTemplate(templateId);
    if (!outcome.ok) return setTemplateProblem(outcome.problem);
    setTemplateNotice({
      vi: `${S.templateRemoved.vi}: ${templateId}.`,
      en: `${S.templateRemoved.en}: ${templateId}.`,
    });
    setTemplateId(session.templates()[0]?.id ?? "");
    setCatalogChanged((n) => n + 1);
  };

  const suggestion = action.problem?.suggestion;

  return (
    <div className={layout.screen}>
      <Field label={t(S.template)}>
        <Select
          className={styles.select}
          select={{ className: styles.selectElement }}
          value={templateId}
          onChange={(_e, d) => setTemplateId(d.value)}
        >
          {templates.map((c) => (
            <option key={c.id} value={c.id}>
              {`${c.form}: ${t(c.title)}${c.custom ? ` (${t(S.customTemplate)})` : ""}`}
            </option>
          ))}
        </Select>
      </Field>
      <div className={layout.row}>
        <FilePicker
          label={t(S.addTemplate)}
          accept=".json,application/json"
          size="small"
          icon={<DocumentAdd20Regular />}
          onFiles={(files) => void addTemplate(files[0])}
        />
        {chosen?.custom && (
          <Button size="small" icon={<Delete20Regular />} onClick={removeTemplate}>
            {t(S.removeTemplate)}
          </Button>
        )}
      </div>
      <ProblemBar problem={templateProblem} onDismiss={() => setTemplateProblem(undefined)} />
      {templateNotice && <Notice intent="success" text={templateNotice} />}
      {periods.length > 0 && (
        <Field label={t(S.period)}>
          <Select
            value={period ?? ""}
            onChange={(_e, d) => setPeriodPicked(d.value as ReportingPeriod)}
          >
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {t(p.name)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field
        label={t(S.year)}
        hint={chosen ? t(chosen.yearMeaning) : undefined}
        validationState={validYear ? "none" : "error"}
        validationMessage={validYear ? undefined : t(S.yearInvalid)}
      >
        <Input
          value={yearText}
          inputMode="numeric"
          maxLength={4}
          onChange={(_e, d) => setYearText(d.value)}
        />
      </Field>
      <Field label={t(S.authority)}>
        <Input
          value={authority}
          placeholder={t(S.authorityPlaceholder)}
          onChange={(_e, d) => setAuthority(d.value)}
        />
      </Field>
      <Field label={t(S.department)} hint={t(S.departmentHint)}>
        <Select
          className={styles.select}
          select={{ className: styles.selectElement }}
          value={department}
          onChange={(_e, d) => setDepartment(d.value)}
        >
          <option value="">{t(S.wholeForm)}</option>
          {offered.map((d) => (
            <option key={d.id} value={d.id}>
              {`${d.name} (${t(d.fields)})`}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t(S.unitName)}>
        <Input
          value={unitName}
          placeholder={unitSuggestion}
          onChange={(_e, d) => setUnitName(d.value)}
        />
      </Field>
      <Field label={t(S.sheetName)}>
        <Input
          value={sheetName}
          maxLength={31}
          onChange={(_e, d) => {
            setSheetName(d.value);
            setNameEdited(true);
          }}
        />
      </Field>
      <div className={layout.row}>
        <Button
          appearance="primary"
          icon={<TableAdd20Regular />}
          onClick={insert}
          disabled={action.busy || !validYear || !templateId}
        >
          {t(S.insert)}
        </Button>
        <Button
          icon={showRows ? <EyeOff20Regular /> : <Eye20Regular />}
          aria-expanded={showRows}
          onClick={() => setShowRows((v) => !v)}
          disabled={!validYear}
        >
          {showRows ? t(S.hideRows) : t(S.showRows)}
        </Button>
        <Button
          icon={<CalendarArrowRight20Regular />}
          onClick={makeNextYear}
          disabled={action.busy}
        >
          {t(S.nextYear)}
        </Button>
        <Progress show={action.showProgress} label={S.inserting} />
      </div>
      <ProblemBar problem={action.problem} onDismiss={action.clearProblem}>
        {suggestion && (
          <Button
            onClick={() => {
              setSheetName(suggestion);
              setNameEdited(true);
              action.clearProblem();
            }}
          >
            {`${t(S.useName)} "${suggestion}"`}
          </Button>
        )}
      </ProblemBar>
      {inserted && <Notice intent="success" text={inserted.summary} />}
      {nextYear && (
        <section aria-label={t(S.nextYearCarried)}>
          <Notice intent="success" text={nextYear.summary} />
          <ul className={styles.carried}>
            {nextYear.carried.map((c) => (
              <li key={`${c.cell}`}>
                <Caption1>
                  {`${c.cell} ${c.name} (${c.code}): ${String(c.value)} — ${t(c.what)}${c.draft ? ` (${t(S.draft)})` : ""}`}
                </Caption1>
              </li>
            ))}
          </ul>
        </section>
      )}
      {inserted?.skipped.map((s) => (
        <Notice key={s.capability} intent="warning" text={s.message} />
      ))}
      {preview && (
        <div className={styles.preview}>
          <Text as="h3" weight="semibold" block>
            {t(preview.title)}
          </Text>
          <Table size="extra-small" aria-label={t(S.previewCaption)}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.code}>{t(S.colCode)}</TableHeaderCell>
                <TableHeaderCell>{t(S.colName)}</TableHeaderCell>
                <TableHeaderCell className={styles.unit}>{t(S.colUnit)}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.rows.map((r) =>
                r.kind === "section" ? (
                  <TableRow key={`s${r.code}`} className={styles.section}>
                    <TableCell>{r.code}</TableCell>
                    <TableCell>{t(r.name)}</TableCell>
                    <TableCell />
                  </TableRow>
                ) : (
                  <TableRow key={r.code}>
                    <TableCell>{r.label}</TableCell>
                    <TableCell style={{ paddingLeft: `${r.level * 12}px` }}>{t(r.name)}</TableCell>
                    <TableCell>{r.unit}</TableCell>
                  </TableRow>
                )
              )}
            </TableBody>
          </Table>
        </div>
      )}
      <LearnFromSheet />
    </div>
  );
}
