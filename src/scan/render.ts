// Text, JSON and Markdown views of a scan document. Render only: the document already decided everything.
// Never a secret: a finding shows file, line, rule, fingerprint and a masked excerpt.
import { painter } from '../report/style.js';
import type { Finding, ScanDocument, SecretEntry, SecretStatus } from './scan.js';
import { RULES } from './scan.js';

const WORD: Record<SecretStatus, string> = {
  live: 'LIVE',
  dead: 'DEAD',
  'not-judged': 'NOT JUDGED',
  unverified: 'FOUND',
};

/** Graph's words (an app's name) and file contents never reach a terminal raw. */
export function safe(text: string, max = 80): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function headline(doc: ScanDocument): string {
  const t = doc.totals;
  const where = `${doc.scanned.files} files${doc.scanned.blobs ? ` and ${doc.scanned.blobs} history blobs` : ''} (${mib(doc.scanned.bytes)})`;
  if (t.findings === 0) return `no Meta credentials in ${where}`;
  const counts = doc.verified
    ? [`${t.live} live`, `${t.dead} dead`, ...(t.notJudged ? [`${t.notJudged} not judged`] : [])].join(', ')
    : 'not verified (--no-verify)';
  return `${t.findings} finding${t.findings === 1 ? '' : 's'} of ${t.secrets} distinct secret${t.secrets === 1 ? '' : 's'} in ${where}: ${counts}`;
}

/** What one secret is: for a live one, what it can do. */
export function describeSecret(s: SecretEntry, now: Date): string {
  if (s.status === 'live' && s.live) {
    const l = s.live;
    const app = l.appId ? `app ${l.appId}${l.application ? ` "${safe(l.application, 60)}"` : ''}` : 'app unknown';
    const wa = l.whatsapp.scopes.length
      ? `WhatsApp: ${l.whatsapp.scopes.join(', ')} -> ${
          l.whatsapp.allWabas
            ? `every WABA its user can reach${l.whatsapp.wabas.length ? ` (named: ${l.whatsapp.wabas.join(', ')})` : ''}`
            : l.whatsapp.wabas.length
              ? `WABA${l.whatsapp.wabas.length === 1 ? '' : 's'} ${l.whatsapp.wabas.join(', ')}`
              : 'no WABA'
        }`
      : 'no WhatsApp permission';
    return [app, l.type ?? 'type unknown', expiry(l.expiresAt, now), wa].join('; ');
  }
  const app = s.appId ? `app ${s.appId}; ` : '';
  if (s.reason) return `${app}${safe(s.reason, 400)}`;
  return `${app}not verified`;
}

function expiry(at: string | null | undefined, now: Date): string {
  if (at === null) return 'never expires';
  if (at === undefined) return 'no expiry given';
  const days = Math.floor((Date.parse(at) - now.getTime()) / 86_400_000);
  return `expires ${at.slice(0, 10)} (${days >= 0 ? `${days} days left` : 'passed'})`;
}

function where(f: Finding): string {
  const at = `${safe(f.file, 200)}:${f.line}:${f.column}`;
  if (f.source === 'tree') return at;
  const ref = f.commit ? `commit ${f.commit.slice(0, 12)}` : `blob ${f.blob?.slice(0, 12)}`;
  return `history ${at} (${ref})`;
}

export function renderScanText(doc: ScanDocument, opts: { color: boolean; now: Date }): string {
  const paint = painter(opts.color);
  const tone: Record<SecretStatus, Parameters<typeof paint>[0]> = {
    live: ['bold', 'red'],
    dead: 'yellow',
    'not-judged': 'magenta',
    unverified: 'yellow',
  };
  const out: string[] = [`wa-token-audit scan: ${headline(doc)}`];
  const order: SecretStatus[] = ['live', 'not-judged', 'unverified', 'dead'];
  const secrets = [...doc.secrets].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  for (const s of secrets) {
    out.push('');
    out.push(
      `${paint(tone[s.status], WORD[s.status])}  ${RULES[s.kind].id}  ${s.fingerprint}  ${describeSecret(s, opts.now)}`,
    );
    for (const f of doc.findings.filter((x) => x.fingerprint === s.fingerprint && x.kind === s.kind))
      out.push(`  ${where(f)}  ${f.excerpt}`);
  }
  const sk = doc.skipped;
  const skipped = [
    sk.binary ? `${sk.binary} binary` : '',
    sk.tooLarge.length
      ? `${sk.tooLarge.length} too large (${sk.tooLarge.slice(0, 3).map((p) => safe(p, 100)).join(', ')}${sk.tooLarge.length > 3 ? ', …' : ''})`
      : '',
    sk.ignored ? `${sk.ignored} ignored by .gitignore` : '',
    sk.unreadable ? `${sk.unreadable} unreadable` : '',
  ].filter(Boolean);
  if (skipped.length) out.push('', `Skipped: ${skipped.join(', ')}.`);
  if (doc.totals.live > 0)
    out.push(
      '',
      'Revoke every live credential now (a system-user token: Business Settings > System Users > Revoke; an app secret: App Dashboard > Settings > Basic > Reset), then remove it from the code and from the history.',
    );
  else if (doc.totals.notJudged > 0)
    out.push('', 'Some credentials could not be verified: treat them as live until shown otherwise.');
  return `${out.join('\n')}\n`;
}

export function renderScanJson(doc: ScanDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function cell(s: string): string {
  return safe(s, 300).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([`*_<>[\]])/g, '\\$1');
}

/** The Action's job summary: one row per finding. */
export function renderScanMarkdown(doc: ScanDocument, now: Date): string {
  const lines = [`### wa-token-audit scan: ${cell(headline(doc))}`, ''];
  if (doc.findings.length === 0) return `${lines.join('\n')}\n`;
  lines.push('| status | file | line | rule | fingerprint | what it is |', '|---|---|---|---|---|---|');
  const bySecret = new Map(doc.secrets.map((s) => [`${s.kind}\0${s.fingerprint}`, s]));
  for (const f of doc.findings) {
    const s = bySecret.get(`${f.kind}\0${f.fingerprint}`);
    const file = f.source === 'history' ? `${f.file} (history${f.commit ? ` ${f.commit.slice(0, 12)}` : ''})` : f.file;
    lines.push(
      `| ${WORD[f.status]} | ${cell(file)} | ${f.line} | \`${f.ruleId}\` | \`${f.fingerprint}\` | ${s ? cell(describeSecret(s, now)) : ''} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
