// The job summary's size limit, for every mode.
/**
 * GitHub refuses a step summary over 1 MiB and shows none of it (docs.github.com, "Workflow commands for GitHub
 * Actions" > "Adding a job summary"): a longer one is cut at a line, with a note.
 */
export const SUMMARY_MAX_BYTES = 1024 * 1024;
const CUT_NOTE = '\n\n_The summary was cut here: GitHub allows at most 1 MiB per step summary._\n';

export function withinSummaryLimit(markdown: string): string {
  if (Buffer.byteLength(markdown, 'utf8') <= SUMMARY_MAX_BYTES) return markdown;
  const head = Buffer.from(markdown, 'utf8')
    .subarray(0, SUMMARY_MAX_BYTES - Buffer.byteLength(CUT_NOTE, 'utf8'))
    .toString('utf8');
  return `${head.slice(0, Math.max(0, head.lastIndexOf('\n')))}${CUT_NOTE}`;
}
