/**
 * Per-service progress on a terminal: one status line rewritten in place (`[2/6]
 * campaign-management: emitting`), cleared when done. Off the terminal it writes nothing;
 * the per-service summary lines go through the caller's log either way.
 */
export interface ProgressStream {
  write(text: string): unknown;
}

export class Progress {
  private active = false;

  constructor(
    private readonly enabled: boolean,
    private readonly total: number,
    private readonly stream: ProgressStream = process.stderr,
  ) {}

  phase(index: number, service: string, what: string): void {
    if (!this.enabled) return;
    this.stream.write(`\r\x1b[2K[${index + 1}/${this.total}] ${service}: ${what}`);
    this.active = true;
  }

  clear(): void {
    if (!this.active) return;
    this.stream.write('\r\x1b[2K');
    this.active = false;
  }
}
