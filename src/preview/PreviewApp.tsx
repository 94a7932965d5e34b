import * as React from "react";
import { Button, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import { ArrowDownload20Regular, FolderOpen20Regular } from "@fluentui/react-icons";
import type { Bilingual } from "../domain";
import { HostError } from "../host/annexHost";
import { BrowserWorkbookHost } from "../host/browser/browserWorkbookHost";
import { SheetView } from "./SheetView";
import { offerDownload, XLSX_TYPE } from "../taskpane/offerDownload";
import { FilePicker } from "../taskpane/FilePicker";

interface Props {
  readonly host: BrowserWorkbookHost;
  /** The task pane, given the same host (the page passes <TaskPane host={host} />). */
  readonly pane: React.ReactNode;
  /** The pane's width in pixels (Excel's task pane is 320–350 px wide). */
  readonly paneWidth: number;
  /** The name "Tải xuống" gives the file. */
  readonly fileName: string;
}

/**
 * The preview: a toolbar (open an .xlsx, download the workbook), the spreadsheet view of the in-browser
 * workbook, and the task pane beside it at a task pane's width. Nothing here computes an annex result:
 * the pane does, through the host.
 */
export function PreviewApp({ host, pane, paneWidth, fileName }: Props): React.JSX.Element {
  const revision = React.useSyncExternalStore(host.subscribe, host.getRevision);
  const [problem, setProblem] = React.useState<Bilingual | undefined>();
  const [name, setName] = React.useState(fileName);

  React.useEffect(() => {
    // For the benchmark and the end-to-end test: the page has drawn the sheet and the pane.
    performance.mark("preview-rendered");
    document.documentElement.dataset.previewReady = "true";
  }, []);

  const open = async (file: File) => {
    try {
      await host.load(await file.arrayBuffer());
      setName(file.name);
      setProblem(undefined);
    } catch (e) {
      setProblem(
        e instanceof HostError
          ? e.text
          : { vi: `Không mở được tệp ${file.name}.`, en: `Could not open ${file.name}.` }
      );
    }
  };

  const download = async () => {
    host.flushEdits();
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await host.download();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      setProblem({
        vi: `Không tải xuống được sổ tính (${reason}).`,
        en: `Could not download the workbook (${reason}).`,
      });
      return;
    }
    offerDownload(bytes, name.toLowerCase().endsWith(".xlsx") ? name : `${name}.xlsx`, XLSX_TYPE);
  };

  return (
    <div className="preview">
      <header className="toolbar">
        <Text weight="semibold" className="title">
          Biểu chỉ tiêu — xem trước
        </Text>
        <Text size={200} className="file-name" title={name}>
          {name}
        </Text>
        <span className="spacer" />
        <FilePicker
          label="Chọn tệp .xlsx / Choose an .xlsx file"
          accept={`.xlsx,${XLSX_TYPE}`}
          testId="open-file-input"
          icon={<FolderOpen20Regular />}
          onFiles={(files) => void open(files[0])}
        >
          Mở tệp…
        </FilePicker>
        <Button
          appearance="primary"
          icon={<ArrowDownload20Regular />}
          onClick={() => void download()}
        >
          Tải xuống
        </Button>
      </header>
      {problem && (
        <MessageBar intent="warning" className="problem">
          <MessageBarBody>
            {problem.vi}
            <br />
            <span lang="en">{problem.en}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      <main className="workspace">
        <section className="sheet-area" aria-label="Sổ tính / Workbook">
          <SheetView host={host} revision={revision} onProblem={setProblem} />
        </section>
        <aside
          className="pane"
          aria-label="Ngăn Biểu chỉ tiêu / Annex pane"
          style={{ width: paneWidth, minWidth: paneWidth, maxWidth: paneWidth }}
        >
          {pane}
        </aside>
      </main>
    </div>
  );
}
