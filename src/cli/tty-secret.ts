// `--token-file -` typed at a terminal: say that the tool waits for the token, and read it without echoing it
// (the terminal's own echo is off while raw mode is on), up to Enter. Ctrl-C or Ctrl-D on an empty line gives up.
import { UsageError } from '../core/errors.js';

const MAX = 8192;

export function readHiddenLine(
  input: NodeJS.ReadStream,
  prompt: (text: string) => void,
  what = 'the access token',
): Promise<string> {
  prompt(`Paste ${what} and press Enter (it is not shown): `);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (err?: Error) => {
      input.setRawMode?.(false);
      input.pause();
      input.off('data', onData);
      prompt('\n');
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('Cancelled: no token was read.'));
        if (ch === '\u0004') return text === '' ? done(new UsageError('No token: standard input is empty.')) : done();
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else if (ch >= ' ') text += ch;
        if (text.length > MAX) return done(new UsageError('The token typed is too long to be an access token.'));
      }
    };
    input.setRawMode?.(true);
    input.resume();
    input.on('data', onData);
  });
}
