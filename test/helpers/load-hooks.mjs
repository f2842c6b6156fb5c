// Module loader hooks (Node's module.register): appends every loaded file URL to the file named by
// $WA_LOAD_LOG, so a test can tell which chunks of the bundle a run loaded.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  if (process.env.WA_LOAD_LOG && url.startsWith('file:')) appendFileSync(process.env.WA_LOAD_LOG, `${url}\n`);
  return next(url, context);
}
