import { createServer, type IncomingMessage, type Server } from 'node:http';

/** A real HTTP receiver on loopback that records every webhook call and answers 200. */
export interface HookReceiver {
  url: string;
  calls: Array<{ body: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export async function hookReceiver(): Promise<HookReceiver> {
  const calls: HookReceiver['calls'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ body, headers: req.headers });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
