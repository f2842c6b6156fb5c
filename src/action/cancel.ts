// A cancelled workflow run: the runner sends SIGINT to the step, then SIGTERM, then kills it. Without handlers
// Node dies at once and the job summary is lost; with these, the step writes what it has (the sections already
// produced, and a line saying the run was cancelled), fails, and exits with 130 (SIGINT) or 143 (SIGTERM).

export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/** Calls `flush` once on the first SIGINT or SIGTERM, then ends the process with the signal's exit code. */
export function onCancel(flush: (signal: 'SIGINT' | 'SIGTERM') => Promise<void>): void {
  let done = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (done) return;
      done = true;
      // Whatever happens while flushing, the step ends soon: the runner kills it a few seconds later anyway.
      const bail = setTimeout(() => process.exit(SIGNAL_EXIT[signal]), 3000);
      bail.unref();
      void flush(signal)
        .catch(() => undefined)
        .finally(() => process.exit(SIGNAL_EXIT[signal]));
    });
  }
}

export function cancelledSection(signal: string): string {
  return `\n## wa-token-audit: cancelled\n\nThe run was cancelled (${signal}) before it finished. Sections above were complete when it stopped; anything not shown was not judged.\n`;
}
