import * as React from "react";
import type ExcelJS from "exceljs";
import { fromA1, toA1 } from "../domain";
import type { Bilingual } from "../domain";
import { HostError } from "../host/annexHost";
import { BrowserWorkbookHost } from "../host/browser/browserWorkbookHost";
import { editText } from "../host/browser/displayText";
import { buildGrid, cellsOf } from "./sheetGrid";

interface Props {
  readonly host: BrowserWorkbookHost;
  /** Re-render counter from the host (useSyncExternalStore in the page). */
  readonly revision: number;
  readonly onProblem: (text: Bilingual | undefined) => void;
}

/** The sheet's frozen rows and columns (its first view's split). */
function frozenSplit(ws: ExcelJS.Worksheet | undefined): { rows: number; cols: number } {
  const view = ws?.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
  if (view?.state !== "frozen") return { rows: 0, cols: 0 };
  return { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 };
}

function colOfAddress(address: string): number {
  return address ? fromA1(address).col : 0;
}

const SEVERITY_LABEL = {
  error: "lỗi / error",
  warning: "cảnh báo / warning",
  info: "lưu ý / note",
};

/**
 * The spreadsheet: a formula bar, the active sheet as a table with column letters and row numbers,
 * the selection and the pane's highlights, and the sheet tabs. Typing goes through the host's
 * editCell, so the pane hears about it exactly as it would from Excel.
 */
export function SheetView({ host, revision, onProblem }: Props): React.JSX.Element {
  const sheet = host.activeSheet;
  const ws = sheet ? host.book.getWorksheet(sheet) : undefined;
  const selection = host.currentSelection;
  const selected = selection && selection.sheet === sheet ? selection.cells : [];
  const active = selected[0]?.split(":")[0] ?? "A1";
  const grid = React.useMemo(
    () => (ws && sheet ? buildGrid(ws, host.highlightsOf(sheet)) : undefined),
    // The host mutates the workbook in place; the revision says when to rebuild.
    [ws, sheet, revision]
  );
  const inSelection = React.useMemo(() => new Set(selected.flatMap((r) => cellsOf(r))), [selected]);
  const [editing, setEditingState] = React.useState<
    { address: string; text: string } | undefined
  >();
  // The editor commits on Enter, Tab, a click elsewhere or blur: whichever comes first, once.
  const editingRef = React.useRef<{ address: string; text: string } | undefined>(undefined);
  const setEditing = (next: { address: string; text: string } | undefined) => {
    editingRef.current = next;
    setEditingState(next);
  };
  const [barText, setBarText] = React.useState("");
  const tableRef = React.useRef<HTMLDivElement>(null);
  const sheets = React.useMemo(
    () =>
      host.book.worksheets.filter(
        (w) => w.name !== "_annex" && w.state !== "hidden" && w.state !== "veryHidden"
      ),
    [host, revision]
  );

  const activeCell = ws ? ws.getCell(active) : undefined;
  const activeText = activeCell ? editText(activeCell) : "";
  React.useEffect(() => setBarText(activeText), [activeText, active, sheet]);

  // Frozen panes, as the sheet sets them: the rows above and the columns left of the split stay in
  // view. Row heights are known once drawn, so the offsets are set after layout.
  const frozen = React.useMemo(() => frozenSplit(ws), [ws, revision]);
  React.useLayoutEffect(() => {
    const scroller = tableRef.current;
    const table = scroller?.querySelector("table");
    if (!scroller || !table) return;
    const head = table.tHead?.rows[0];
    const headHeight = head ? head.getBoundingClientRect().height : 0;
    const lefts: number[] = [0];
    const cols = Array.from(table.querySelectorAll("col")).map(
      (c) => c.getBoundingClientRect().width
    );
    for (let i = 0; i < cols.length; i++) lefts.push(lefts[i] + cols[i]);
    // The letters of frozen columns stay over their columns.
    Array.from(head?.cells ?? []).forEach((th, i) => {
      if (i === 0) return; // the corner
      const frozenCol = i - 1 < frozen.cols;
      th.style.left = frozenCol ? `${lefts[i]}px` : "";
      th.style.zIndex = frozenCol ? "6" : "";
    });
    // Offsets from where each row is drawn, not summed heights, so no sub-pixel gap opens.
    const firstTop = table.tBodies[0]?.rows[0]?.getBoundingClientRect().top ?? 0;
    let top = headHeight;
    const body = table.tBodies[0];
    for (let r = 0; r < body.rows.length; r++) {
      const tr = body.rows[r];
      const rowFrozen = r < frozen.rows;
      let col = 0; // the sheet column of each cell, merges counted
      for (const td of Array.from(tr.cells)) {
        const isHead = td.tagName === "TH";
        const first = isHead ? -1 : colOfAddress(td.dataset.address ?? "");
        if (!isHead) col = first;
        const span = isHead ? 1 : td.colSpan;
        const colFrozen = !isHead && col + span <= frozen.cols;
        const style = td.style;
        if (rowFrozen || colFrozen) {
          style.position = "sticky";
          style.top = rowFrozen ? `${top}px` : "";
          style.left = colFrozen ? `${lefts[col + 1]}px` : isHead ? "0px" : "";
          // Frozen rows pass over the frozen columns below them; the corner over both.
          style.zIndex = rowFrozen ? (colFrozen || isHead ? "4" : "3") : "1";
          if (!style.background && !isHead) style.background = "#fff";
        } else if (!isHead && style.position === "sticky") {
          style.position = "";
          style.top = "";
          style.left = "";
          style.zIndex = "";
        } else if (isHead) {
          style.top = "";
          style.zIndex = "";
        }
      }
      if (rowFrozen) top = headHeight + (tr.getBoundingClientRect().bottom - firstTop);
    }
    // scrollIntoView keeps a cell clear of the frozen rows and columns.
    scroller.style.scrollPaddingTop = `${top}px`;
    scroller.style.scrollPaddingLeft = `${lefts[frozen.cols + 1] ?? 0}px`;
  }, [grid, frozen]);

  // The pane's selection brings the active cell to the middle of the view; a click or a key, just
  // into view.
  const by = selection?.by;
  React.useEffect(() => {
    const el = tableRef.current?.querySelector<HTMLElement>(`[data-address="${active}"]`);
    el?.scrollIntoView(
      by === "pane"
        ? { block: "center", inline: "nearest" }
        : { block: "nearest", inline: "nearest" }
    );
  }, [active, sheet, revision, by]);

  if (!ws || !sheet || !grid) {
    return (
      <div className="sheet-empty">
        Sổ tính chưa có trang tính nào. Hãy mở tệp .xlsx hoặc chèn biểu từ ngăn bên phải.
        <br />
        The workbook has no sheet yet. Open an .xlsx file or insert an annex from the pane.
      </div>
    );
  }

  const commitEditor = (text: string, move?: [number, number]) => {
    const open = editingRef.current;
    if (!open) return;
    editingRef.current = undefined;
    commit(open.address, text, move);
  };

  const commit = (address: string, text: string, move?: [number, number]) => {
    try {
      host.editCell(sheet, address, text);
      onProblem(undefined);
    } catch (e) {
      if (e instanceof HostError) onProblem(e.text);
      else throw e;
    }
    setEditing(undefined);
    if (move) go(address, move);
    tableRef.current?.focus();
  };

  const go = (from: string, [dr, dc]: [number, number]) => {
    const { row, col } = fromA1(from);
    host.selectFromView(sheet, toA1(Math.max(0, row + dr), Math.max(0, col + dc)));
  };

  const onGridKey = (e: React.KeyboardEvent) => {
    if (editing) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Enter: [1, 0],
      Tab: [0, 1],
    };
    if (moves[e.key]) {
      e.preventDefault();
      go(active, e.shiftKey && e.key === "Tab" ? [0, -1] : moves[e.key]);
    } else if (e.key === "F2") {
      e.preventDefault();
      setEditing({ address: active, text: activeText });
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      commit(active, "");
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setEditing({ address: active, text: e.key });
    }
  };

  const onEditorKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (!editing) return;
    if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      commitEditor(e.currentTarget.value, e.key === "Enter" ? [1, 0] : [0, 1]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setEditing(undefined);
      tableRef.current?.focus();
    }
  };

  return (
    <div className="sheet">
      <div className="formula-bar">
        <input
          className="name-box"
          aria-label="Ô đang chọn / Selected cell"
          value={selected.length > 1 || selected[0]?.includes(":") ? selected.join(", ") : active}
          readOnly
        />
        <span className="fx" aria-hidden="true">
          fx
        </span>
        <input
          className="formula-input"
          aria-label="Thanh công thức / Formula bar"
          value={barText}
          onChange={(e) => setBarText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit(active, e.currentTarget.value);
            } else if (e.key === "Escape") setBarText(activeText);
          }}
        />
      </div>
      <div
        className="grid-scroll"
        ref={tableRef}
        tabIndex={0}
        onKeyDown={onGridKey}
        role="grid"
        aria-label={`Trang tính ${sheet} / Sheet ${sheet}`}
        aria-rowcount={grid.rows.length}
      >
        <table className="grid">
          <colgroup>
            <col style={{ width: 44 }} />
            {grid.columns.map((c) => (
              <col key={c.letter} style={{ width: c.width }} />
            ))}
          </colgroup>
          <thead>
            <tr role="row">
              <th className="corner" />
              {grid.columns.map((c) => (
                <th key={c.letter} role="columnheader" className="col-head" scope="col">
                  {c.letter}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((r) => (
              <tr key={r.number} role="row" style={r.height ? { height: r.height } : undefined}>
                <th role="rowheader" className="row-head" scope="row">
                  {r.number}
                </th>
                {r.cells.map((c) => {
                  const isActive = c.address === active;
                  const classes = [
                    "cell",
                    c.numeric ? "num" : "",
                    inSelection.has(c.address) ? "selected" : "",
                    isActive ? "active" : "",
                    c.highlight ? `hl-${c.highlight}` : "",
                  ].join(" ");
                  return (
                    <td
                      key={c.address}
                      role="gridcell"
                      data-address={c.address}
                      aria-selected={inSelection.has(c.address)}
                      title={
                        c.highlight ? `${c.address}: ${SEVERITY_LABEL[c.highlight]}` : undefined
                      }
                      rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
                      colSpan={c.colSpan > 1 ? c.colSpan : undefined}
                      className={classes}
                      style={c.style}
                      onMouseDown={() => {
                        if (editingRef.current && editingRef.current.address !== c.address) {
                          commitEditor(editingRef.current.text);
                        }
                        host.selectFromView(sheet, c.address);
                      }}
                      onDoubleClick={() =>
                        setEditing({
                          address: c.address,
                          text: ws ? editText(ws.getCell(c.address)) : "",
                        })
                      }
                    >
                      {editing?.address === c.address ? (
                        <input
                          className="cell-editor"
                          aria-label={`Nhập ô ${c.address} / Edit cell ${c.address}`}
                          autoFocus
                          value={editing.text}
                          onChange={(e) => setEditing({ address: c.address, text: e.target.value })}
                          onKeyDown={onEditorKey}
                          onBlur={(e) => commitEditor(e.currentTarget.value)}
                        />
                      ) : (
                        c.text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {grid.truncated && (
          <p className="truncated">
            Chỉ hiện {grid.rows.length} dòng đầu. / Only the first {grid.rows.length} rows are
            shown.
          </p>
        )}
      </div>
      <div className="tabs" role="tablist" aria-label="Các trang tính / Sheets">
        {sheets.map((w) => (
          <button
            key={w.name}
            role="tab"
            type="button"
            aria-selected={w.name === sheet}
            className={w.name === sheet ? "tab active" : "tab"}
            onClick={() => host.activate(w.name)}
          >
            {w.name}
          </button>
        ))}
      </div>
    </div>
  );
}
