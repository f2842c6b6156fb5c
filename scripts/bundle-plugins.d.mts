import type { Plugin } from 'esbuild';
export const noOidcClient: Plugin;
