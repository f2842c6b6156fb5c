import { errorKey } from '../error-catalog.js';
import type { TemplateNode, TemplatesProbe } from '../live.js';
import type { TemplateSpec } from '../policy.js';
import type { Check, Status } from '../types.js';
import type { CheckContext, CheckDefinition, CheckSlot } from './context.js';
import { graphErrorText } from './phone.js';
import { list } from './targets.js';

/**
 * `template.NAME`: one check per expected template and WABA asked (the policy's WABAs, or the WABA that owns an
 * expected number), id `template.<name>`, details.wabaId and details.template. Decided from
 * `GET /{waba-id}/message_templates?name=…` (Meta's Graph reference, WhatsApp Business Account >
 * message_templates; statuses and quality from Meta's "Template quality" page and its OpenAPI MessageTemplate):
 * - no template of that name: fail (132001), naming the WABA searched and any other WABA the token reaches that
 *   has it; a listing cut short or refused: warn (cannot tell);
 * - a required language missing: fail (132001), listing the languages that exist (`en` is not `en_US`);
 * - a required language (any language, when none is given) not APPROVED: fail — PAUSED (132015), DISABLED
 *   (132016), REJECTED (with Graph's reason), PENDING / IN_APPEAL (not sendable yet, 132001), any other status;
 * - an approved language whose quality is RED: warn (the next step is a pause);
 * - outage: skip.
 */
export function templateChecks(
  probes: TemplatesProbe[] | undefined,
  owners: { phoneNumberId: string; wabaId?: string }[] | undefined,
  ctx: CheckContext,
): Check[] {
  const { templates, wabaIds } = ctx.policy;
  if (wabaIds.length > 0)
    return wabaIds.flatMap((w) => templates.map((t) => judge(t, String(w), probes, ctx)));
  // No expected WABA: the WABA that owns each expected number was looked up first.
  const wabas = [...new Set((owners ?? []).flatMap((o) => (o.wabaId ? [o.wabaId] : [])))];
  const lost = (owners ?? []).filter((o) => !o.wabaId).map((o) => o.phoneNumberId);
  return templates.flatMap((t) => {
    const out = wabas.map((w) => judge(t, w, probes, ctx));
    if (owners === undefined || (lost.length > 0 && wabas.length === 0)) {
      out.push({
        id: `template.${t.name}`,
        status: owners === undefined ? 'skip' : 'warn',
        message:
          owners === undefined
            ? `Template ${t.name}: not checked, the WABA that owns phone number ID ${list(ctx.policy.phoneNumberIds, 'and')} was not looked up.`
            : `Cannot tell whether template ${t.name} can be sent: the WABA that owns phone number ID ${list(lost, 'and')} ` +
              "was not found among the WABAs the token's grants name.",
        ...(owners === undefined
          ? {}
          : {
              remediation: [
                `Name the WABA whose templates to check with ${ctx.name('wabaIds')} (WhatsApp Manager > Account tools > Phone numbers shows the WABA of each number).`,
              ],
            }),
        details: { template: t.name },
      });
    }
    return out;
  });
}

function judge(t: TemplateSpec, wabaId: string, probes: TemplatesProbe[] | undefined, ctx: CheckContext): Check {
  const id = `template.${t.name}`;
  const base = { template: t.name, wabaId };
  const probe = probes?.find((p) => p.expected && p.name === t.name && String(p.wabaId) === wabaId);
  if (!probe)
    return { id, status: 'skip', message: `Template ${t.name} of WABA ${wabaId} was not read.`, details: base };
  if (probe.outcome === 'unknown')
    return {
      id,
      status: 'skip',
      message: `Template ${t.name} of WABA ${wabaId} could not be checked: Graph could not be asked.`,
      details: base,
    };
  if (probe.outcome === 'refused')
    return {
      id,
      status: 'warn',
      message:
        `Cannot tell whether template ${t.name} can be sent from WABA ${wabaId}: Graph refused to list its templates. ` +
        (probe.error ? graphErrorText(probe.error) : 'Graph gave no reason.'),
      remediation: [
        'Check that the WABA ID is right and that the token reaches it with whatsapp_business_management (see scope.targets).',
      ],
      details: base,
      ...(probe.error ? { graphError: errorKey(probe.error.code, probe.error.subcode) } : {}),
    };

  const found = probe.templates ?? [];
  const languages = found.map(languageOf);
  const details = {
    ...base,
    languages: found.map((x) => ({
      language: x.language ?? null,
      status: x.status ?? null,
      category: x.category ?? null,
      quality: x.quality ?? null,
    })),
  };
  if (found.length === 0) {
    const elsewhere = [
      ...new Set(
        (probes ?? [])
          .filter((p) => !p.expected && p.name === t.name && (p.templates ?? []).length > 0)
          .map((p) => p.wabaId),
      ),
    ];
    if (probe.incomplete)
      return {
        id,
        status: 'warn',
        message: `Cannot tell whether template ${t.name} exists in WABA ${wabaId}: its template list was cut short.`,
        remediation: ['Check WhatsApp Manager > Account tools > Message templates of that WABA.'],
        details: base,
      };
    return {
      id,
      status: 'fail',
      message:
        `No template named ${t.name} in WABA ${wabaId}: sends fail with error 132001.` +
        (elsewhere.length > 0
          ? ` A template of that name exists in WABA ${list(elsewhere, 'and')}, which the token also reaches: it was created under another account (often the test number's).`
          : ''),
      remediation: [
        `Create ${t.name} in WABA ${wabaId} (WhatsApp Manager > Account tools > Message templates) and deploy once it is APPROVED` +
          (elsewhere.length > 0 ? `, or, if WABA ${elsewhere[0]} is the account the release sends from, set ${ctx.name('wabaIds')} to ${elsewhere[0]}.` : '.'),
        'Templates belong to one WABA: a template made beside the test number is not in the production WABA.',
      ],
      graphError: '132001',
      details: { ...base, ...(elsewhere.length > 0 ? { foundIn: elsewhere } : {}) },
    };
  }

  const findings: { status: Status; text: string; fix: string[]; key?: string }[] = [];
  const missing = t.languages.filter((l) => !languages.includes(l));
  for (const l of missing) {
    const near = languages.filter((x) => x.split('_')[0] === l.split('_')[0]);
    findings.push({
      status: 'fail',
      text:
        `no ${l} version (it exists in ${list(languages, 'and')})` +
        (near.length > 0 ? `; ${l} is not ${list(near, 'or')}: the code must match exactly` : ''),
      fix: [
        `Add the language ${l} to ${t.name} in WhatsApp Manager > Message templates, or send it with a language code that exists (${list(languages, 'or')}).`,
      ],
      key: '132001',
    });
  }
  const judged = t.languages.length > 0 ? found.filter((x) => t.languages.includes(languageOf(x))) : found;
  const approved = judged.filter((x) => x.status === 'APPROVED');
  // Without required languages, one approved language is enough; the others are listed, not judged.
  const blocking = t.languages.length > 0 ? judged.filter((x) => x.status !== 'APPROVED') : approved.length > 0 ? [] : judged;
  for (const x of blocking) findings.push(statusFinding(t.name, x));
  for (const x of approved.filter((a) => a.quality === 'RED'))
    findings.push({
      status: 'warn',
      text: `${languageOf(x)} is APPROVED but its quality is RED: Meta pauses a template whose quality stays low`,
      fix: [
        `Look at ${t.name}'s quality in WhatsApp Manager > Message templates (Insights): send it only to customers who expect it, make the content relevant and give an easy opt-out.`,
      ],
    });

  const summary = found.map((x) => `${languageOf(x)} ${x.status ?? 'status unknown'}`).join(', ');
  if (findings.length === 0)
    return {
      id,
      status: 'pass',
      message: `Template ${t.name} in WABA ${wabaId}: ${summary}${t.languages.length > 0 ? '' : ' (no language required)'}.`,
      details,
    };
  const status: Status = findings.some((f) => f.status === 'fail') ? 'fail' : 'warn';
  const key = findings.find((f) => f.key)?.key;
  return {
    id,
    status,
    message: `Template ${t.name} in WABA ${wabaId}: ${findings.map((f) => f.text).join('; ')}. (${summary})`,
    remediation: [...new Set(findings.flatMap((f) => f.fix))],
    ...(key ? { graphError: key } : {}),
    details,
  };
}

function statusFinding(name: string, x: TemplateNode): { status: Status; text: string; fix: string[]; key?: string } {
  const lang = languageOf(x);
  switch (x.status) {
    case 'PAUSED':
      return {
        status: 'fail',
        text: `${lang} is PAUSED for low quality: sends fail with error 132015`,
        fix: [
          'Meta pauses a template whose quality drops: for 3 hours the first time, 6 hours the second; a third pause disables it for good (132016).',
          `While paused, send another approved template; edit ${name} (WhatsApp Manager > Message templates) so recipients stop blocking or reporting it: its quality recovers as its messages are read without complaints.`,
        ],
        key: '132015',
      };
    case 'DISABLED':
      return {
        status: 'fail',
        text: `${lang} is DISABLED after repeated pauses: sends fail with error 132016`,
        fix: [`A disabled template cannot come back: create a new template with different content and send that instead of ${name}.`],
        key: '132016',
      };
    case 'REJECTED': {
      const reason = x.rejectedReason && x.rejectedReason !== 'NONE' ? ` (reason: ${quoted(x.rejectedReason)})` : '';
      return {
        status: 'fail',
        text: `${lang} was REJECTED${reason}`,
        fix: [
          `Edit ${name} to meet WhatsApp's template guidelines and submit it again, or request a review in WhatsApp Manager > Message templates if the rejection is wrong.`,
        ],
        key: '132001',
      };
    }
    case 'PENDING':
    case 'IN_APPEAL':
      return {
        status: 'fail',
        text: `${lang} is ${x.status}: it cannot be sent until Meta approves it`,
        fix: ['Deploy once the template is APPROVED (WhatsApp Manager > Message templates shows its review status).'],
        key: '132001',
      };
    default:
      return {
        status: 'fail',
        text: `${lang} is ${x.status ? quoted(x.status) : 'of unknown status'}: only APPROVED templates can be sent`,
        fix: [`Check ${name} in WhatsApp Manager > Message templates; send an APPROVED template instead.`],
        key: '132001',
      };
  }
}

const languageOf = (x: TemplateNode): string => x.language ?? '(no language)';

/** Text Graph wrote: printable characters only, clipped. */
function quoted(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

export const TEMPLATES: CheckDefinition = {
  id: 'template',
  slots: (ctx) => {
    const { templates, wabaIds } = ctx.policy;
    if (!templates || templates.length === 0) return [];
    if (wabaIds.length === 0)
      return templates.map<CheckSlot>((t) => ({
        id: `template.${t.name}`,
        details: { template: t.name },
        what: ` (template ${t.name})`,
      }));
    return wabaIds.flatMap((w) =>
      templates.map<CheckSlot>((t) => ({
        id: `template.${t.name}`,
        details: { template: t.name, wabaId: w },
        what: ` (template ${t.name}, WABA ${w})`,
      })),
    );
  },
  judge: (_data, ctx, live) => templateChecks(live?.templates, live?.templateWabas, ctx),
};
