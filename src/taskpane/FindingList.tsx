import * as React from "react";
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  makeStyles,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { WHOLE_SHEET } from "../app";
import type { ExplainedView, ExplanationView, FindingView, Severity, SeverityGroup } from "../app";
import { usePane } from "./paneContext";
import { S } from "./strings";

/** A severity's badge colour, wherever the pane counts findings. */
export const SEVERITY_BADGE: Readonly<Record<Severity, "danger" | "warning" | "informative">> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, margin: 0 },
  section: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
  },
  where: {
    justifyContent: "flex-start",
    textAlign: "left",
    minWidth: 0,
    paddingLeft: 0,
    height: "auto",
  },
  detail: { color: tokens.colorNeutralForeground3 },
  explain: { alignSelf: "flex-start" },
});

export interface FindingListProps {
  readonly groups: readonly SeverityGroup[];
  /** Selects a finding's cells in Excel; absent for files that are not open (districts' files). */
  readonly onSelect?: (finding: FindingView) => void;
  /** Ticked findings to convert (numbers stored as text). */
  readonly ticked?: ReadonlySet<string>;
  readonly onTick?: (id: string, ticked: boolean) => void;
  /** Opens the explanation (giải trình) of a finding; absent where findings cannot be explained. */
  readonly onExplain?: (finding: FindingView) => void;
}

/** Findings grouped by severity, then by the template's sections, with counts. */
export function FindingList(props: FindingListProps): React.JSX.Element {
  const { t } = usePane();
  const styles = useStyles();
  return (
    <>
      {props.groups.map((g) => (
        <section key={g.severity} className={styles.group} aria-label={`${t(g.label)}: ${g.count}`}>
          <Subtitle2 as="h3" className={styles.heading}>
            <Badge color={SEVERITY_BADGE[g.severity]} appearance="filled" aria-hidden>
              {g.count}
            </Badge>
            {t(g.label)}
          </Subtitle2>
          {g.sections.map((s) => (
            <div key={s.section?.code ?? ""} className={styles.group}>
              <Text as="h4" size={200} className={styles.section}>
                {s.section ? `${s.section.code}. ${t(s.section.name)}` : t(WHOLE_SHEET)} (
                {s.findings.length})
              </Text>
              <ul className={styles.list}>
                {s.findings.map((f) => (
                  <FindingItem key={f.id} finding={f} {...props} />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

/** Where a finding is, as a button that selects its cells when the pane can, else as plain text. */
function Where(props: {
  readonly finding: FindingView;
  readonly label: string;
  readonly onSelect?: ((finding: FindingView) => void) | undefined;
}): React.JSX.Element {
  const { t } = usePane();
  const styles = useStyles();
  const { finding: f, label, onSelect } = props;
  if (!onSelect) return <Text weight="semibold">{label}</Text>;
  return (
    <Button
      appearance="transparent"
      className={styles.where}
      onClick={() => onSelect(f)}
      aria-label={`${t(S.selectCells)}: ${f.cells.join(", ")} — ${t(f.message)}`}
    >
      <Text weight="semibold">{label}</Text>
    </Button>
  );
}

function FindingItem(
  props: FindingListProps & { readonly finding: FindingView }
): React.JSX.Element {
  const { t } = usePane();
  const styles = useStyles();
  const f = props.finding;
  const where =
    `${t(S.cell)} ${f.cells[0]}` +
    (f.indicator ? ` · ${f.indicator.code}. ${t(f.indicator.name)}` : "");
  const { onSelect, onTick, ticked, onExplain } = props;
  const outdated = f.outdatedExplanation;
  return (
    <li className={styles.item} data-severity={f.severity}>
      <Where finding={f} label={where} onSelect={onSelect} />
      <Text>{t(f.message)}</Text>
      {(f.expected || f.found) && (
        <Caption1>
          {f.expected && `${t(S.expected)}: ${t(f.expected)}`}
          {f.expected && f.found && " · "}
          {f.found && `${t(S.found)}: ${t(f.found)}`}
        </Caption1>
      )}
      <Caption1 className={styles.detail}>
        {t(S.why)}: {t(f.reason)}
      </Caption1>
      {f.fixable && onTick && (
        <Checkbox
          checked={ticked?.has(f.id) ?? false}
          onChange={(_e, data) => onTick(f.id, data.checked === true)}
          label={`${t(S.tickToConvert)} (${f.cells[0]})`}
        />
      )}
      {outdated && (
        <Caption1 data-outdated-explanation>
          {`${t(S.outdatedExplanation)} ${outdated.changed.join(", ")}: "${outdated.reason}" (${outdated.date})`}
        </Caption1>
      )}
      {onExplain && (
        <Button
          size="small"
          className={styles.explain}
          onClick={() => onExplain(f)}
          aria-label={`${t(S.explain)} ${t(S.cell)} ${f.cells[0]}`}
        >
          {t(S.explain)}
        </Button>
      )}
    </li>
  );
}

export interface ExplainedListProps {
  readonly explained: readonly ExplainedView[];
  readonly stale: readonly ExplanationView[];
  readonly onSelect?: (finding: FindingView) => void;
  /** Withdraws an explanation (its key): the finding counts again. */
  readonly onWithdraw: (key: string) => void;
  readonly disabled?: boolean;
}

/** Explained findings, apart from the counted ones, with their reasons; and explanations left over. */
export function ExplainedList(props: ExplainedListProps): React.JSX.Element | null {
  const { t } = usePane();
  const styles = useStyles();
  const { explained, stale, onSelect, onWithdraw, disabled } = props;
  if (!explained.length && !stale.length) return null;
  const reasonOf = (e: ExplanationView) =>
    `${t(S.explainedReason)}: "${e.reason}" (${[e.date, e.by].filter(Boolean).join(", ")})`;
  const withdraw = (e: ExplanationView) => (
    <Button
      size="small"
      className={styles.explain}
      onClick={() => onWithdraw(e.key)}
      disabled={disabled}
      aria-label={`${t(S.withdraw)} ${t(S.cell)} ${e.cell}`}
    >
      {t(S.withdraw)}
    </Button>
  );
  return (
    <>
      {explained.length > 0 && (
        <section
          className={styles.group}
          aria-label={`${t(S.explainedHeading)}: ${explained.length}`}
        >
          <Subtitle2 as="h3" className={styles.heading}>
            <Badge color="subtle" appearance="filled" aria-hidden>
              {explained.length}
            </Badge>
            {t(S.explainedHeading)}
          </Subtitle2>
          <ul className={styles.list}>
            {explained.map((f) => (
              <li key={f.id} className={styles.item} data-explained={f.severity}>
                <Where
                  finding={f}
                  label={`${t(S.cell)} ${f.cells[0]} · ${t(SEVERITY_WORD[f.severity])}`}
                  onSelect={onSelect}
                />
                <Text>{t(f.message)}</Text>
                <Caption1>{reasonOf(f.explanation)}</Caption1>
                {withdraw(f.explanation)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {stale.length > 0 && (
        <section className={styles.group} aria-label={t(S.staleHeading)}>
          <Text as="h4" size={200} className={styles.section}>
            {t(S.staleHeading)}
          </Text>
          <ul className={styles.list}>
            {stale.map((e) => (
              <li key={e.key} className={styles.item}>
                <Text weight="semibold">{`${t(S.cell)} ${e.cell} · ${e.ruleId}`}</Text>
                {e.unplaced && <Caption1>{t(e.unplaced)}</Caption1>}
                <Caption1>{reasonOf(e)}</Caption1>
                {withdraw(e)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** One finding's severity as a word ("Lỗi"), for explained errors that stay visible. */
const SEVERITY_WORD: Readonly<Record<Severity, { vi: string; en: string }>> = {
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Lưu ý", en: "Note" },
};
