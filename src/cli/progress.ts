/**
 * The progress line of a long run: on stderr, only when stderr is a terminal, and only once the
 * run has taken longer than `delayMs` (a short run prints nothing). It is rewritten in place
 * (`\r`) and cleared at the end, so nothing of it stays in what a terminal shows after the run,
 * and nothing of it ever reaches stdout, whatever the format.
 */
export class Progress {
  private shown = false;
  private latest = '';
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly delayMs = 2000,
  ) {
    // Phases that do not report (finding the test files) still show once the delay has passed.
    this.timer = this.enabled ? setTimeout(() => {
      if (!this.shown) this.draw();
    }, delayMs).unref() : undefined;
  }

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /** The current phase, such as "finding test files" or "checked 200/1540 files". */
  update(text: string): void {
    if (!this.enabled) return;
    this.latest = text;
    if (this.shown || Date.now() - this.started >= this.delayMs) this.draw();
  }

  /** Clears the line; call before printing the report. */
  done(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }

  private draw(): void {
    if (!this.latest) return;
    this.shown = true;
    this.stream.write(`\r\u001b[2Kpatch-leak: ${this.latest}`);
  }
}
