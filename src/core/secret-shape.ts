// What a secret must look like before it is sent anywhere, for every front: the token (CLI sources, the Action's
// `token` input, fleet entries), the app secret, and which environment variables a fleet file may name. A fleet
// file may come from a pull request, so it must not be able to point the tool at the CI's own credentials.
// Messages never show a value.

/** A token: one printable line, 16 to 4096 characters (quotes and surrounding whitespace of a paste removed). */
export function readTokenValue(raw: string): { token: string } | { problem: string } {
  let token = raw.trim();
  if (/^(['"]).*\1$/s.test(token)) token = token.slice(1, -1).trim();
  if (token === '') return { problem: 'is empty' };
  if (!/^[\x21-\x7e]+$/.test(token))
    return { problem: 'contains spaces, line breaks or non-ASCII characters: it should hold one token on one line' };
  if (token.length < 16) return { problem: `is too short (${token.length} characters) to hold an access token` };
  if (token.length > 4096) return { problem: `is too long (${token.length} characters) to hold an access token` };
  return { token };
}

/**
 * Meta app secrets are 32 hexadecimal digits (App Dashboard > App settings > Basic). Anything else is refused as
 * implausible, before it is used or could be echoed: a three-character "secret" is a configuration mistake.
 */
export function appSecretProblem(raw: string): string | undefined {
  if (!/^[\x21-\x7e]+$/.test(raw)) return 'contains spaces or control characters';
  if (!/^[0-9a-f]{32}$/i.test(raw))
    return `does not look like a Meta app secret (32 hexadecimal digits; this one has ${raw.length} characters)`;
  return undefined;
}

/**
 * Prefixes of credentials that are not Meta's: GitHub, GitLab, npm, Slack, AWS key IDs, Google API and OAuth
 * keys, OpenAI/Stripe-style keys, PyPI. Sources: each vendor's token-format documentation.
 */
const FOREIGN_PREFIX =
  /^(gh[pousr]_|github_pat_|glpat-|npm_|xox[abposr]-|AKIA|ASIA|AIza|ya29\.|sk-|sk_(live|test)_|rk_live_|pypi-)/;

/**
 * A value a fleet entry may send to Graph as a token: Meta access tokens are letters and digits (system-user,
 * user and page tokens start `EAA`); `-` and `_` are allowed too. A JWT (the runner's ACTIONS_RUNTIME_TOKEN and
 * OIDC request token), a PEM key, a URL, an AWS secret key (`/`, `+`) or a known foreign prefix is refused.
 */
export function metaTokenProblem(token: string): string | undefined {
  if (FOREIGN_PREFIX.test(token)) return 'looks like a credential of another service, not a Meta access token';
  if (!/^[A-Za-z0-9_-]+$/.test(token))
    return 'does not look like a Meta access token (letters, digits, - and _ only; a JWT, URL or key is refused)';
  return undefined;
}

/** Environment variables that hold the CI's own credentials, never a Meta token. */
const CI_SECRET_NAMES = new Set([
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GH_ENTERPRISE_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
  'NPM_TOKEN',
  'NODE_AUTH_TOKEN',
  'CI_JOB_TOKEN',
  'CI_JOB_JWT',
  'SYSTEM_ACCESSTOKEN',
  'BUILDKITE_AGENT_ACCESS_TOKEN',
  'CIRCLE_TOKEN',
  'DOCKER_PASSWORD',
  'DOCKER_AUTH_CONFIG',
  'SSH_AUTH_SOCK',
  'GOOGLE_APPLICATION_CREDENTIALS',
]);
/** Whole families: cloud credentials, the runner's own variables, the Action's inputs (INPUT_GITHUB-TOKEN). */
const CI_SECRET_PREFIX = /^(AWS_|AZURE_|ARM_|GOOGLE_|GCP_|GCLOUD_|CLOUDSDK_|ACTIONS_|RUNNER_|INPUT_|GITHUB_)/;

/** Why a fleet file may not name this variable, or undefined. Case-insensitive: env names are on Windows. */
export function ciSecretName(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (CI_SECRET_NAMES.has(upper) || CI_SECRET_PREFIX.test(upper))
    return `$${name} holds the CI's own credentials or settings, never a Meta token: a fleet file (which may come from a pull request) may not name it`;
  return undefined;
}
