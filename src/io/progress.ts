// A one-line progress display on a terminal (stderr), silent when stderr is not a TTY.
export class Progress {
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(stream.isTTY) && process.env.CI !== "true";
  }

  update(done: number, total: number, detail: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const percent = total > 0 ? ((100 * done) / total).toFixed(1) : "?";
    this.stream.write(`\r${this.label} ${percent}% ${detail}\x1b[K`);
  }

  done(): void {
    if (this.enabled) this.stream.write("\r\x1b[K");
  }
}
