import { styleText } from 'node:util';

export type Paint = (format: Parameters<typeof styleText>[0], text: string) => string;

/** Colour only when asked for (a TTY without NO_COLOR, decided by the front). */
export function painter(color: boolean): Paint {
  return color ? (format, text) => styleText(format, text) : (_format, text) => text;
}

/** NO_COLOR (any non-empty value) wins; FORCE_COLOR forces; otherwise colour on a TTY only. */
export function wantsColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(isTTY) && env.TERM !== 'dumb';
}
