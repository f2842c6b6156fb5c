// A fake of the GitHub REST issues API, enough for @actions/github's octokit (pointed here with
// GITHUB_API_URL): list, create and update issues, and comment on them. JSON shapes follow the REST API
// (number, title, body, state, labels: [{name}], html_url, user), errors use `{message, documentation_url}`.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SeenRequest } from './server.js';

interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  /** `owner/repo` the issue belongs to. */
  repo: string;
  /** Login of the creator (derived from the token: see LOGIN). */
  creator: string;
  comments: string[];
}

/**
 * Hostile behaviours, for the expiry watch's attack rows: an endless `rel="next"` chain of full pages, a `next`
 * link to another origin (`elsewhere`), or an API that reads requests and never answers.
 */
export type GitHubAttack =
  | { kind: 'next-loop' }
  | { kind: 'cross-origin-next'; elsewhere: string }
  | { kind: 'hang' };

export interface GitHubEmulator {
  url: string;
  issues: FakeIssue[];
  requests: SeenRequest[];
  attack: GitHubAttack | undefined;
  close(): Promise<void>;
}

/** The login every authenticated call acts as: what a workflow's GITHUB_TOKEN is. */
const LOGIN = 'github-actions[bot]';
const DOCS = 'https://docs.github.com/rest';

export async function startGitHubEmulator(): Promise<GitHubEmulator> {
  const issues: FakeIssue[] = [];
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let nextId = 1000;
  let baseUrl = '';
  const state: { attack: GitHubAttack | undefined } = { attack: undefined };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://github.invalid');
      const method = (req.method ?? 'GET').toUpperCase();
      requests.push({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { ...req.headers },
        body,
        at: Date.now(),
      });

      const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        const text = JSON.stringify(value);
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'x-github-media-type': 'github.v3',
          ...headers,
        });
        res.end(text);
      };
      const attack = state.attack;
      if (attack?.kind === 'hang') return; // read, never answered
      if (!/^(token|Bearer)\s+\S+/i.test(req.headers.authorization ?? '')) {
        send(401, { message: 'Requires authentication', documentation_url: DOCS });
        return;
      }
      let input: Record<string, unknown> = {};
      if (body !== '') {
        try {
          input = JSON.parse(body) as Record<string, unknown>;
        } catch {
          send(400, { message: 'Problems parsing JSON', documentation_url: DOCS });
          return;
        }
      }
      const m = /^\/repos\/([^/]+)\/([^/]+)\/issues(?:\/(\d+)(\/comments)?)?\/?$/.exec(url.pathname);
      if (!m) {
        send(404, { message: 'Not Found', documentation_url: DOCS });
        return;
      }
      const repo = `${m[1]}/${m[2]}`;
      const number = m[3] === undefined ? undefined : Number(m[3]);
      const issue =
        number === undefined ? undefined : issues.find((i) => i.repo === repo && i.number === number);
      const json = (i: FakeIssue) => toJson(baseUrl, i);

      if (number === undefined && method === 'GET') {
        const state = url.searchParams.get('state') ?? 'open';
        const labels = (url.searchParams.get('labels') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const creator = url.searchParams.get('creator');
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
        const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
        const matching = issues
          .filter((i) => i.repo === repo)
          .filter((i) => state === 'all' || i.state === state)
          .filter((i) => labels.every((l) => i.labels.includes(l)))
          .filter((i) => creator === null || i.creator === creator)
          .sort((a, b) => b.number - a.number);
        const slice = matching.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (attack?.kind === 'next-loop') {
          // A full page of unrelated issues, and always another page after it.
          const filler = Array.from({ length: perPage }, (_, k) =>
            json({ ...FILLER, number: 100_000 + page * perPage + k, repo }),
          );
          const next = new URL(url.pathname, baseUrl);
          for (const [k, v] of url.searchParams) next.searchParams.set(k, v);
          next.searchParams.set('page', String(page + 1));
          send(200, filler, { link: `<${next.toString()}>; rel="next"` });
          return;
        }
        if (attack?.kind === 'cross-origin-next') {
          const next = new URL(`${url.pathname}?page=2`, attack.elsewhere);
          send(200, slice.map(json), { link: `<${next.toString()}>; rel="next"` });
          return;
        }
        if (page * perPage < matching.length) {
          const next = new URL(url.pathname, baseUrl);
          for (const [k, v] of url.searchParams) next.searchParams.set(k, v);
          next.searchParams.set('page', String(page + 1));
          headers.link = `<${next.toString()}>; rel="next"`;
        }
        send(200, slice.map(json), headers);
        return;
      }
      if (number === undefined && method === 'POST') {
        if (typeof input.title !== 'string' || input.title === '') {
          send(422, {
            message: 'Validation Failed',
            errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
            documentation_url: DOCS,
          });
          return;
        }
        const created: FakeIssue = {
          number: issues.filter((i) => i.repo === repo).length + 1,
          title: input.title,
          body: typeof input.body === 'string' ? input.body : '',
          state: 'open',
          labels: labelNames(input.labels),
          repo,
          creator: LOGIN,
          comments: [],
        };
        issues.push(created);
        send(201, json(created));
        return;
      }
      if (!issue) {
        send(404, { message: 'Not Found', documentation_url: DOCS });
        return;
      }
      if (m[4] && method === 'POST') {
        if (typeof input.body !== 'string') {
          send(422, { message: 'Validation Failed', documentation_url: DOCS });
          return;
        }
        issue.comments.push(input.body);
        const id = nextId++;
        send(201, {
          id,
          body: input.body,
          user: { login: LOGIN },
          html_url: `${baseUrl}/${repo}/issues/${issue.number}#issuecomment-${id}`,
        });
        return;
      }
      if (!m[4] && method === 'PATCH') {
        if (typeof input.title === 'string') issue.title = input.title;
        if (typeof input.body === 'string') issue.body = input.body;
        if (input.state === 'open' || input.state === 'closed') issue.state = input.state;
        if (input.labels !== undefined) issue.labels = labelNames(input.labels);
        send(200, json(issue));
        return;
      }
      if (!m[4] && method === 'GET') {
        send(200, json(issue));
        return;
      }
      send(404, { message: 'Not Found', documentation_url: DOCS });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    issues,
    requests,
    get attack() {
      return state.attack;
    },
    set attack(a: GitHubAttack | undefined) {
      state.attack = a;
    },
    close() {
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      return done;
    },
  };
}

const FILLER: FakeIssue = {
  number: 0,
  title: 'unrelated',
  body: 'not a watch issue',
  state: 'open',
  labels: ['wa-token-audit'],
  repo: '',
  creator: LOGIN,
  comments: [],
};

function labelNames(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v
    .map((l) =>
      typeof l === 'string' ? l : typeof l === 'object' && l !== null && 'name' in l ? String(l.name) : '',
    )
    .filter(Boolean);
}

function toJson(baseUrl: string, i: FakeIssue): Record<string, unknown> {
  return {
    id: 500000 + i.number,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    labels: i.labels.map((name, k) => ({ id: 7000 + k, name })),
    user: { login: i.creator },
    comments: i.comments.length,
    html_url: `${baseUrl}/${i.repo}/issues/${i.number}`,
    url: `${baseUrl}/repos/${i.repo}/issues/${i.number}`,
  };
}
