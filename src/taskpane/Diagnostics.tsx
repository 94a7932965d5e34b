import * as React from "react";
import { Button, makeStyles, Textarea, tokens } from "@fluentui/react-components";
import { runDiagnostics } from "../app/diagnostics";
import type { AnnexHost, HostDiagnostics } from "../host/annexHost";
import { Notice, ProblemBar, Progress } from "./Feedback";
import { useAction, usePane } from "./paneContext";

const WORDS = {
  run: { vi: "Kiểm tra môi trường", en: "Diagnostics" },
  running: { vi: "Đang kiểm tra môi trường…", en: "Checking the environment…" },
  title: { vi: "Môi trường Excel", en: "The Excel environment" },
  hint: {
    vi: "Hãy sao chép báo cáo dưới đây gửi cho nhóm phát triển.",
    en: "Copy the report below and send it to the development team.",
  },
  copy: { vi: "Sao chép", en: "Copy" },
  copied: { vi: "Đã sao chép", en: "Copied" },
  report: { vi: "Báo cáo môi trường", en: "Environment report" },
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  lines: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/**
 * "Kiểm tra môi trường / Diagnostics", below the screens: the host's report on this Excel, line by
 * line in the pane's language, and the whole report in both languages to copy.
 */
export function Diagnostics(props: { readonly host: AnnexHost }): React.JSX.Element {
  const { t } = usePane();
  const styles = useStyles();
  const action = useAction();
  const [report, setReport] = React.useState<HostDiagnostics | undefined>();
  const [copied, setCopied] = React.useState(false);
  const text = React.useRef<HTMLTextAreaElement>(null);

  const run = async () => {
    setCopied(false);
    const outcome = await action.run(() => runDiagnostics(props.host));
    if (outcome?.ok) setReport(outcome.value);
  };
  const copy = async () => {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(report.text);
    } catch {
      // No clipboard in this webview: the text is selected for Ctrl+C.
      text.current?.select();
      document.execCommand?.("copy");
    }
    setCopied(true);
  };

  return (
    <section className={styles.root} aria-label={t(WORDS.run)}>
      <div className={styles.row}>
        <Button size="small" disabled={action.busy} onClick={() => void run()}>
          {t(WORDS.run)}
        </Button>
      </div>
      <Progress show={action.showProgress} label={WORDS.running} />
      <ProblemBar problem={action.problem} onDismiss={action.clearProblem} />
      {report && (
        <>
          <Notice intent="info" title={WORDS.title} text={WORDS.hint} />
          <ul className={styles.lines}>
            {report.lines.map((line) => (
              <li key={line.en}>{t(line)}</li>
            ))}
          </ul>
          <Textarea
            ref={text}
            readOnly
            resize="vertical"
            aria-label={t(WORDS.report)}
            value={report.text}
          />
          <div className={styles.row}>
            <Button size="small" onClick={() => void copy()}>
              {t(copied ? WORDS.copied : WORDS.copy)}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
