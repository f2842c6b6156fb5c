// The commonest CI failure is an empty token input: say precisely why, from the event that started the run.
import type { context } from '@actions/github';

type EventContext = Pick<typeof context, 'eventName' | 'actor' | 'payload'>;

export function whyTokenIsEmpty(ctx: EventContext): string {
  const event = ctx.eventName || 'unknown';
  const actor = ctx.actor || '';
  if (actor === 'dependabot[bot]' || ctx.payload?.pull_request?.user?.login === 'dependabot[bot]') {
    return (
      `The token input is empty: this '${event}' run was triggered by Dependabot, and Dependabot runs read ` +
      'Dependabot secrets, not Actions secrets. Add the secret under Settings > Secrets and variables > Dependabot, ' +
      "or skip this step for Dependabot (if: github.actor != 'dependabot[bot]')."
    );
  }
  const pr = ctx.payload?.pull_request;
  const head = pr?.head?.repo?.full_name as string | undefined;
  const base = (pr?.base?.repo?.full_name ?? ctx.payload?.repository?.full_name) as string | undefined;
  if (pr && (pr.head?.repo?.fork === true || (head !== undefined && base !== undefined && head !== base))) {
    return (
      `The token input is empty: this '${event}' run comes from a pull request from the fork ${head ?? '(deleted fork)'}, ` +
      'and GitHub does not pass secrets to workflows triggered from forks. Run the audit on push, on schedule, or ' +
      'after a maintainer approves, or skip the step for forks (if: github.event.pull_request.head.repo.fork == false).'
    );
  }
  return (
    `The token input is empty in this '${event}' run: the secret it references is not set for this repository, ` +
    'organisation or environment (Settings > Secrets and variables > Actions), or its name is misspelt in `with: token:`.'
  );
}
