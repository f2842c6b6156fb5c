// Where this Action's docs/errors.md lives, so the job summary can link each Graph error to its entry.

/** `https://github.com/OWNER/REPO/blob/REF/docs/errors.md` for the running Action, when the runner says which. */
export function errorDocsUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const repo = env.GITHUB_ACTION_REPOSITORY;
  const ref = env.GITHUB_ACTION_REF;
  // With `uses: ./` the runner names no action repository: the summary then shows the explain command only.
  if (!repo || !ref || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return undefined;
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return `${server}/${repo}/blob/${encodeURIComponent(ref)}/docs/errors.md`;
}
