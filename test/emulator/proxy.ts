// An HTTP proxy that refuses every tunnel: each CONNECT gets `403 Forbidden`. Tests point HTTPS_PROXY at it
// to prove the client honours the proxy setting and reports the refusal instead of going direct.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RefusingProxy {
  url: string;
  /** CONNECT requests received. */
  readonly connects: number;
  /** Plain (absolute-form) proxy requests received; also refused. */
  readonly plainRequests: number;
  close(): Promise<void>;
}

export async function startRefusingProxy(): Promise<RefusingProxy> {
  let connects = 0;
  let plainRequests = 0;
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    plainRequests += 1;
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
    res.end('proxy: forbidden\n');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (_req, socket: Socket) => {
    connects += 1;
    socket.on('error', () => {});
    socket.end(
      'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 17\r\nConnection: close\r\n\r\nproxy: forbidden\n',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connects() {
      return connects;
    },
    get plainRequests() {
      return plainRequests;
    },
    close() {
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      return done;
    },
  };
}
