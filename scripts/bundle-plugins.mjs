// esbuild plugins of the Action bundle, shared by scripts/bundle.mjs and the supply-chain test (which must see
// what the bundle really contains).
// @actions/core imports its OIDC client (core.getIDToken) at load time, and with it @actions/http-client and that
// package's own copy of undici (about 400 KiB to parse on every run). wa-token-audit never asks for an OIDC token:
// in the Action bundle the client is a stub that says so if anything ever calls it.
export const noOidcClient = {
  name: 'no-oidc-client',
  setup(b) {
    b.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /[\\/]@actions[\\/]core[\\/]/.test(args.importer) ? { path: 'oidc-utils', namespace: 'no-oidc' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-oidc' }, () => ({
      contents:
        "export class OidcClient { static async getIDToken() { throw new Error('wa-token-audit does not request OIDC tokens'); } }",
      loader: 'js',
    }));
  },
};
