import { fromA1 } from "../../domain";
import type { SheetEdit } from "../annexHost";

/**
 * Turns Excel's change events into debounced "a person edited these cells" calls. Our own writes
 * are not reported: where Excel says who changed the cells (ExcelApi 1.14 `triggerSource`) that is
 * enough; before that, the host announces each batch it writes and the events whose cells lie inside
 * it, arriving while it runs or shortly after, are dropped.
 */
export type ChangeSource = "this-addin" | "other" | "unknown";

interface Area {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}

interface OwnWrite {
  readonly sheet: string;
  readonly areas: readonly Area[];
  /** Until when events over these cells are ours (ms clock); Infinity while the batch runs. */
  until: number;
}

export function parseArea(address: string): Area | undefined {
  const a = address.replace(/^.*!/, "").replace(/\$/g, "");
  const [p, q = p] = a.split(":");
  try {
    const from = fromA1(p);
    const to = fromA1(q);
    return {
      r0: Math.min(from.row, to.row),
      c0: Math.min(from.col, to.col),
      r1: Math.max(from.row, to.row),
      c1: Math.max(from.col, to.col),
    };
  } catch {
    return undefined;
  }
}

function inside(a: Area, b: Area): boolean {
  return a.r0 >= b.r0 && a.r1 <= b.r1 && a.c0 >= b.c0 && a.c1 <= b.c1;
}

export class EditWatcher {
  private readonly pending = new Map<string, string[]>();
  private readonly own: OwnWrite[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private handler: ((edit: SheetEdit) => void) | undefined;

  constructor(
    private readonly delayMs = 500,
    private readonly graceMs = 2000,
    private readonly now: () => number = () => Date.now()
  ) {}

  listen(handler: ((edit: SheetEdit) => void) | undefined): void {
    this.handler = handler;
    if (!handler) this.flushTimer();
  }

  /** Before our batch writes: events over these addresses are ours until `done` is called. */
  ownWrite(sheet: string, addresses: readonly string[]): () => void {
    const entry: OwnWrite = {
      sheet,
      areas: addresses.map(parseArea).filter((a): a is Area => a !== undefined),
      until: Infinity,
    };
    this.own.push(entry);
    return () => {
      entry.until = this.now() + this.graceMs;
    };
  }

  /** One change event from Excel. */
  report(sheet: string, address: string, source: ChangeSource): void {
    if (!this.handler || source === "this-addin") return;
    if (source === "unknown" && this.isOurs(sheet, address)) return;
    const list = this.pending.get(sheet) ?? [];
    if (!list.includes(address)) list.push(address);
    this.pending.set(sheet, list);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  private isOurs(sheet: string, address: string): boolean {
    const t = this.now();
    for (let i = this.own.length - 1; i >= 0; i--) if (this.own[i].until < t) this.own.splice(i, 1);
    const area = parseArea(address);
    if (!area) return false;
    return this.own.some((w) => w.sheet === sheet && w.areas.some((a) => inside(area, a)));
  }

  private flushTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const handler = this.handler;
    const edits = [...this.pending];
    this.pending.clear();
    if (!handler) return;
    for (const [sheet, addresses] of edits) handler({ sheet, addresses });
  }
}
