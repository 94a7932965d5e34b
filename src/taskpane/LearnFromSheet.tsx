import * as React from "react";
import {
  Button,
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
import { DocumentAdd20Regular } from "@fluentui/react-icons";
import { countsText, withChanges } from "../app";
import type { Bilingual, LearnedChange, LearnedView } from "../app";
import { failure, success } from "../app/problems";
import { Notice, ProblemBar } from "./Feedback";
import { useAction, usePane } from "./paneContext";

/**
 * "Tạo mẫu từ trang tính đang mở" (issue #20): the open sheet's template as the engine learned it, in
 * a compact table — rows with questions first — where the officer changes a kind or a direction with
 * a dropdown, then saves it among the department's templates and the sheet is checked with it at once.
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
const T = {
  learn: { vi: "Tạo mẫu từ trang tính đang mở", en: "Learn the template of the open sheet" },
  table: { vi: "Các chỉ tiêu học được", en: "Learned indicators" },
  save: { vi: "Lưu mẫu và kiểm tra", en: "Save the template and check" },
  code: { vi: "STT", en: "No." },
  name: { vi: "Chỉ tiêu", en: "Indicator" },
  kind: { vi: "Loại", en: "Kind" },
  direction: { vi: "Chiều", en: "Direction" },
};

const useStyles = makeStyles({
  wrap: { maxHeight: "360px", overflowY: "auto", overflowX: "hidden" },
  table: { tableLayout: "fixed", width: "100%" },
  code: { width: "36px" },
  pick: { width: "78px" },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  question: { color: tokens.colorPaletteDarkOrangeForeground1, fontSize: tokens.fontSizeBase200 },
});

export function LearnFromSheet(): React.JSX.Element {
  const { session, t } = usePane();
  const styles = useStyles();
  const { run, busy, problem, clearProblem } = useAction();
  const [view, setView] = React.useState<LearnedView>();
  const [changes, setChanges] = React.useState<
    Record<string, { kind?: string; direction?: string }>
  >({});
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

  const save = () =>
    run(async () => {
      if (!view) return failure("not-checked", { vi: "Chưa học mẫu.", en: "Nothing learned yet." });
      const list: LearnedChange[] = Object.entries(changes).flatMap(([code, c]) => [
        ...(c.kind ? [{ code, kind: c.kind as "count" }] : []),
        ...(c.direction ? [{ code, direction: c.direction as "up" }] : []),
      ]);
      const changed = withChanges(view.data, list);
      if (!changed.ok) return changed;
      const added = session.addTemplate(JSON.stringify(changed.value.data), view.sheet);
      if (!added.ok) return added;
      const checked = await session.check(view.sheet);
      if (!checked.ok) return checked;
      const counts = countsText(checked.value.counts);
      setSaved({
        vi: `Đã lưu mẫu ${added.value.id}. Kiểm tra trang tính "${view.sheet}" với mẫu này: ${counts.vi} (xem thẻ Kiểm tra).`,
        en: `Saved the template ${added.value.id}. Sheet "${view.sheet}" checked with it: ${counts.en} (see the Check tab).`,
      });
      return success(undefined);
    });

  const pick = (code: string, field: "kind" | "direction", value: string) =>
    setChanges((c) => ({ ...c, [code]: { ...c[code], [field]: value } }));

  return (
    <>
      <Button icon={<DocumentAdd20Regular />} onClick={learn} disabled={busy}>
        {t(T.learn)}
      </Button>
      <ProblemBar problem={problem} onDismiss={clearProblem} />
      {saved && <Notice intent="success" text={saved} />}
      {view && (
        <>
          {view.questions.map((q, i) => (
            <Text key={i} className={styles.question} block>
              ? {t(q)}
            </Text>
          ))}
          <div className={styles.wrap}>
            <Table size="extra-small" aria-label={t(T.table)} className={styles.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.code}>{t(T.code)}</TableHeaderCell>
                  <TableHeaderCell>{t(T.name)}</TableHeaderCell>
                  <TableHeaderCell className={styles.pick}>{t(T.kind)}</TableHeaderCell>
                  <TableHeaderCell className={styles.pick}>{t(T.direction)}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.rows.map((r) => (
                  <TableRow key={r.code}>
                    <TableCell className={styles.code}>{r.label}</TableCell>
                    <TableCell>
                      <Text block>
                        {r.name} <span className={styles.small}>({r.unit})</span>
                      </Text>
                      {r.relations.map((x, i) => (
                        <Text
                          key={i}
                          className={styles.small}
                          block
                          title={r.evidence.map(t).join("\n")}
                        >
                          {t(x)}
                        </Text>
                      ))}
                      {r.questions.map((q, i) => (
                        <Text key={i} className={styles.question} block>
                          ? {t(q)}
                        </Text>
                      ))}
                    </TableCell>
                    <TableCell className={styles.pick}>
                      <Select
                        size="small"
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
                    </TableCell>
                    <TableCell className={styles.pick}>
                      <Select
                        size="small"
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
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <Button appearance="primary" onClick={save} disabled={busy}>
            {t(T.save)}
          </Button>
        </>
      )}
    </>
  );
}
