import { createServer, type IncomingMessage, type Server } from 'node:http';

/** A real HTTP receiver on loopback that records every webhook call and answers 200 (after
 * `failFirst` answers of 503 to each delivery id, to exercise retries). */
export interface HookReceiver {
  url: string;
  calls: Array<{ body: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export async function hookReceiver(options: { failFirst?: number } = {}): Promise<HookReceiver> {
  const calls: HookReceiver['calls'] = [];
  const attempts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ body, headers: req.headers });
      const delivery = String(req.headers['x-ticketing-delivery']);
      const n = (attempts.get(delivery) ?? 0) + 1;
      attempts.set(delivery, n);
      res.statusCode = n <= (options.failFirst ?? 0) ? 503 : 200;
      res.end(res.statusCode === 200 ? 'ok' : 'busy');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
