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
import type { FindingView, Severity, SeverityGroup } from "../app";
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
});

export interface FindingListProps {
  readonly groups: readonly SeverityGroup[];
  /** Selects a finding's cells in Excel; absent for files that are not open (districts' files). */
  readonly onSelect?: (finding: FindingView) => void;
  /** Ticked findings to convert (numbers stored as text). */
  readonly ticked?: ReadonlySet<string>;
  readonly onTick?: (id: string, ticked: boolean) => void;
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

function FindingItem(
  props: FindingListProps & { readonly finding: FindingView }
): React.JSX.Element {
  const { t } = usePane();
  const styles = useStyles();
  const f = props.finding;
  const where =
    `${t(S.cell)} ${f.cells[0]}` +
    (f.indicator ? ` · ${f.indicator.code}. ${t(f.indicator.name)}` : "");
  const { onSelect, onTick, ticked } = props;
  return (
    <li className={styles.item} data-severity={f.severity}>
      {onSelect ? (
        <Button
          appearance="transparent"
          className={styles.where}
          onClick={() => onSelect(f)}
          aria-label={`${t(S.selectCells)}: ${f.cells.join(", ")} — ${t(f.message)}`}
        >
          <Text weight="semibold">{where}</Text>
        </Button>
      ) : (
        <Text weight="semibold">{where}</Text>
      )}
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
    </li>
  );
}
