import * as React from "react";
import {
  Button,
  makeStyles,
  mergeClasses,
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
import { DocumentAdd20Regular } from "@fluentui/react-icons";
import { learnedJson } from "../app";
import type { Bilingual, LearnedChange, LearnedView } from "../app";
import type { Indicator } from "../domain/template/schema";
import { failure, success } from "../app/problems";
import { Notice, ProblemBar } from "./Feedback";
import { useAction, usePane } from "./paneContext";
import { offerDownload } from "./offerDownload";

/**
 * "Tạo mẫu từ trang tính đang mở" (issue #20): the open sheet's template as the engine learned it, in
 * a compact table — rows with questions first — where the officer changes a kind or a direction with
 * a dropdown and keeps or drops each proposed relation (its evidence under it), then saves it inside
 * the workbook (so the file carries its form wherever it is sent) and the sheet is checked with it at
 * once; or exports it as .json for another computer.
 */
const KINDS: ReadonlyArray<[string, Bilingual]> = [
  ["count", { vi: "số đếm", en: "count" }],
  ["amount", { vi: "số tiền", en: "amount" }],
  ["rate", { vi: "tỷ lệ %", en: "rate %" }],
  ["points", { vi: "điểm %", en: "points" }],
];
const DIRECTIONS: ReadonlyArray<[string, Bilingual]> = [
  ["up", { vi: "thuận", en: "up" }],
  ["down", { vi: "nghịch", en: "down" }],
  ["neutral", { vi: "trung tính", en: "neutral" }],
];
const RELATION: ReadonlyArray<[string, Bilingual]> = [
  ["keep", { vi: "giữ", en: "keep" }],
  ["drop", { vi: "bỏ", en: "drop" }],
];
const T = {
  learn: { vi: "Tạo mẫu từ trang tính đang mở", en: "Learn the template of the open sheet" },
  table: { vi: "Các chỉ tiêu học được", en: "Learned indicators" },
  save: { vi: "Lưu vào sổ tính và kiểm tra", en: "Save in the workbook and check" },
  replace: { vi: "Thay mẫu trong sổ tính", en: "Replace the workbook's template" },
  export: { vi: "Xuất tệp .json", en: "Export as .json" },
  code: { vi: "STT", en: "No." },
  name: { vi: "Chỉ tiêu, loại, chiều, quan hệ", en: "Indicator, kind, direction, relations" },
  kind: { vi: "Loại", en: "Kind" },
  direction: { vi: "Chiều", en: "Direction" },
  relation: { vi: "Quan hệ", en: "Relation" },
};

const useStyles = makeStyles({
  table: { tableLayout: "fixed", width: "100%" },
  code: { width: "40px", verticalAlign: "top", overflowWrap: "anywhere" },
  // Each row's dropdowns under its name: the name keeps the pane's width at 320 px.
  picks: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    marginBlock: tokens.spacingVerticalXXS,
  },
  pick: { flexGrow: 1, flexBasis: "96px", minWidth: 0 },
  keep: { flexShrink: 0, width: "72px" },
  grow: { flexGrow: 1, flexBasis: "120px", minWidth: 0 },
  text: { overflowWrap: "anywhere" },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  question: { color: tokens.colorPaletteDarkOrangeForeground1, fontSize: tokens.fontSizeBase200 },
  dropped: { textDecorationLine: "line-through" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** A row's changes: its kind, its direction, the relations dropped (by their place in its list). */
interface RowChange {
  readonly kind?: string;
  readonly direction?: string;
  readonly dropped?: readonly number[];
}

function changeList(changes: Readonly<Record<string, RowChange>>): LearnedChange[] {
  return Object.entries(changes).flatMap(([code, c]) => [
    ...(c.kind ? [{ code, kind: c.kind as Indicator["kind"] }] : []),
    ...(c.direction ? [{ code, direction: c.direction as Indicator["direction"] }] : []),
    ...(c.dropped ?? []).map((dropRelation) => ({ code, dropRelation })),
  ]);
}

export function LearnFromSheet(): React.JSX.Element {
  const { session, t, changed } = usePane();
  const styles = useStyles();
  const { run, busy, problem, clearProblem } = useAction();
  const [view, setView] = React.useState<LearnedView>();
  const [changes, setChanges] = React.useState<Record<string, RowChange>>({});
  const [saved, setSaved] = React.useState<Bilingual>();

  const learn = () =>
    run(async () => {
      setSaved(undefined);
      const o = await session.learnOpenSheet();
      if (o.ok) {
        setView(o.value);
        setChanges({});
      }
      return o;
    });

  const save = (replace: boolean) =>
    run(async () => {
      setSaved(undefined);
      if (!view) return failure("not-checked", { vi: "Chưa học mẫu.", en: "Nothing learned yet." });
      const done = await session.saveLearned(view, changeList(changes), { replace });
      if (!done.ok) return done;
      setSaved(done.value.summary);
      // Kiểm tra shows this check (the other screens follow the session through `changed`).
      changed();
      return success(undefined);
    });

  const exportJson = () =>
    run(async () => {
      if (!view) return failure("not-checked", { vi: "Chưa học mẫu.", en: "Nothing learned yet." });
      const file = learnedJson(view, changeList(changes));
      if (!file.ok) return file;
      offerDownload(file.value.text, file.value.name, "application/json");
      setSaved({
        vi: `Đã xuất mẫu ra tệp "${file.value.name}": ở máy khác, thêm tệp này bằng "Thêm mẫu riêng (.json)…".`,
        en: `Exported the template as "${file.value.name}": on another computer, add it with "Add a custom template (.json)…".`,
      });
      return success(undefined);
    });

  const pick = (code: string, field: "kind" | "direction", value: string) =>
    setChanges((c) => ({ ...c, [code]: { ...c[code], [field]: value } }));
  const keep = (code: string, k: number, value: string) =>
    setChanges((c) => {
      const dropped = (c[code]?.dropped ?? []).filter((d) => d !== k);
      return {
        ...c,
        [code]: { ...c[code], dropped: value === "drop" ? [...dropped, k] : dropped },
      };
    });

  // Said where the officer is: under the learn button, or under Save once the table is there,
  // scrolled into sight (the pane scrolls; Save is at the table's end).
  const said = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (saved || problem) said.current?.scrollIntoView?.({ block: "nearest" });
  }, [saved, problem]);
  const feedback = (problem || saved) && (
    <div ref={said}>
      <ProblemBar problem={problem} onDismiss={clearProblem}>
        {problem?.code === "template-conflict" && (
          <Button size="small" onClick={() => save(true)} disabled={busy}>
            {t(T.replace)}
          </Button>
        )}
      </ProblemBar>
      {saved && <Notice intent="success" text={saved} />}
    </div>
  );

  return (
    <>
      <Button icon={<DocumentAdd20Regular />} onClick={learn} disabled={busy}>
        {t(T.learn)}
      </Button>
      {!view && feedback}
      {view && (
        <>
          {view.questions.map((q, i) => (
            <Text key={i} className={styles.question} block>
              ? {t(q)}
            </Text>
          ))}
          <div>
            <Table size="extra-small" aria-label={t(T.table)} className={styles.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.code}>{t(T.code)}</TableHeaderCell>
                  <TableHeaderCell>{t(T.name)}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.rows.map((r) => (
                  <TableRow key={r.code}>
                    <TableCell className={styles.code}>{r.label}</TableCell>
                    <TableCell>
                      <Text block className={styles.text}>
                        {r.name} <span className={styles.small}>({r.unit})</span>
                      </Text>
                      <div className={styles.picks}>
                        <Select
                          size="small"
                          className={styles.pick}
                          aria-label={`${t(T.kind)} ${r.label} ${r.name}`}
                          value={changes[r.code]?.kind ?? r.kind}
                          onChange={(_e, d) => pick(r.code, "kind", d.value)}
                        >
                          {KINDS.map(([k, w]) => (
                            <option key={k} value={k}>
                              {t(w)}
                            </option>
                          ))}
                        </Select>
                        <Select
                          size="small"
                          className={styles.pick}
                          aria-label={`${t(T.direction)} ${r.label} ${r.name}`}
                          value={changes[r.code]?.direction ?? r.direction}
                          onChange={(_e, d) => pick(r.code, "direction", d.value)}
                        >
                          {DIRECTIONS.map(([k, w]) => (
                            <option key={k} value={k}>
                              {t(w)}
                            </option>
                          ))}
                        </Select>
                      </div>
                      {r.relations.map((x, i) => {
                        const dropped = changes[r.code]?.dropped?.includes(i) ?? false;
                        return (
                          <div key={i} className={styles.picks}>
                            <Text
                              className={mergeClasses(
                                styles.small,
                                styles.text,
                                styles.grow,
                                dropped && styles.dropped
                              )}
                            >
                              {t(x)}
                            </Text>
                            <Select
                              size="small"
                              className={styles.keep}
                              aria-label={`${t(T.relation)} ${r.label} ${r.name}: ${t(x)}`}
                              value={dropped ? "drop" : "keep"}
                              onChange={(_e, d) => keep(r.code, i, d.value)}
                            >
                              {RELATION.map(([k, w]) => (
                                <option key={k} value={k}>
                                  {t(w)}
                                </option>
                              ))}
                            </Select>
                          </div>
                        );
                      })}
                      {r.evidence.map((e, i) => (
                        <Text
                          key={`e${i}`}
                          className={mergeClasses(styles.small, styles.text)}
                          block
                        >
                          {t(e)}
                        </Text>
                      ))}
                      {r.questions.map((q, i) => (
                        <Text key={i} className={mergeClasses(styles.question, styles.text)} block>
                          ? {t(q)}
                        </Text>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <div className={styles.actions}>
            <Button appearance="primary" onClick={() => save(false)} disabled={busy}>
              {t(T.save)}
            </Button>
            <Button onClick={exportJson} disabled={busy}>
              {t(T.export)}
            </Button>
          </div>
          {feedback}
        </>
      )}
    </>
  );
}
