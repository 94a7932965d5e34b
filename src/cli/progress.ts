import { Io, Lang } from "./io";

/** "Đang kiểm tra 12/100: huyen-a.xlsx" for batches of two files or more. */
export class Progress {
  private n = 0;
  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly lang: Lang
  ) {}

  step(file: string): void {
    this.n++;
    if (this.total < 2) return;
    const verb = this.lang === "vi" ? "Đang kiểm tra" : "Checking";
    this.io.status(`${verb} ${this.n}/${this.total}: ${file}`);
  }

  done(): void {
    if (this.total >= 2) this.io.status("");
  }
}
