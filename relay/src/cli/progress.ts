import type { CliIo } from './cli-io';

export interface Progress {
  /** `done` of `total` (total may grow); `detail` follows the count. */
  update(done: number, total: number, detail: string): void;
  /** Ends the bar (a TTY keeps its last state on its own line). */
  finish(): void;
}

const barWidth = 30;

/**
 * Progress on stderr: a bar redrawn in place on a terminal; on a pipe or file, a plain line at each tenth of
 * the way and at the end, so logs stay readable. Nothing goes to stdout, which keeps --json clean.
 */
export function createProgress(io: Pick<CliIo, 'stderr'>, label: string): Progress {
  const tty = io.stderr.isTTY === true;
  let drawn = false;
  let lastPercent = -1;
  return {
    update(done, total, detail) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const percent = Math.floor(ratio * 100);
      if (tty) {
        const filled = Math.round(ratio * barWidth);
        io.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${done}/${total} ${detail}\u001b[K`);
        drawn = true;
      } else if (Math.floor(percent / 10) !== Math.floor(lastPercent / 10) || done === total) {
        io.stderr.write(`${label}: ${done}/${total} (${percent}%) ${detail}\n`);
      }
      lastPercent = percent;
    },
    finish() {
      if (tty && drawn) io.stderr.write('\n');
    },
  };
}
