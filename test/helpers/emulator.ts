// One Graph emulator per test file: started before its tests, reset before each, closed after.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../emulator/server.js';

/** The file's emulator. Use it inside tests and hooks only: it exists once `beforeAll` has run. */
export function useEmulator(options?: EmulatorOptions): Emulator {
  let live: Emulator | undefined;
  beforeAll(async () => {
    live = await startEmulator(options);
  });
  afterAll(() => live?.close());
  beforeEach(() => live?.reset());
  return new Proxy({} as Emulator, {
    get(_target, key) {
      if (!live) throw new Error('the emulator is started in beforeAll: use it inside tests and hooks');
      const value = Reflect.get(live, key);
      return typeof value === 'function' ? value.bind(live) : value;
    },
  });
}
