// The Action's `discover: true`: map what the token reaches after the audit, set the `wabas` output and add a
// "What this token reaches" section to the job summary. Informational: it never changes the step's outcome.
import * as core from '@actions/core';
import type { Report } from '../core/types.js';
import { renderDiscoveryMarkdown } from '../report/discover-markdown.js';
import { discoverToken } from '../run/discover.js';
import { actionSettingName, graphOptionsOf, type SingleSettings } from './inputs.js';

export async function publishDiscovery(
  settings: SingleSettings,
  report: Report,
  summary: string[],
): Promise<void> {
  if (report.verdict === 'error') {
    // Graph could not be asked for the audit: asking again would only wait out another deadline.
    core.setOutput('wabas', '');
    return;
  }
  const { discovery } = await discoverToken({
    token: settings.token,
    ...(settings.appSecret ? { appSecret: settings.appSecret } : {}),
    settingName: actionSettingName,
    appId: settings.policy.appId,
    graph: graphOptionsOf(settings, 'discover: '),
  });
  core.setOutput('wabas', discovery.wabas.map((w) => w.id).join(','));
  for (const reason of discovery.partial) core.warning(reason, { title: 'wa-token-audit discover: partial' });
  summary.push(renderDiscoveryMarkdown(discovery, { token: false }));
}
