import { createServer } from 'node:http';
import { HttpOrderLookup, orderLookupFromEnv, OrderSystemUnavailableError } from './order-lookup';

describe('order lookup configuration', () => {
  it('is off without ORDER_LOOKUP_URL', () => {
    expect(orderLookupFromEnv({})).toBeNull();
  });

  it.each([
    [{ ORDER_LOOKUP_URL: 'not a url' }, 'ORDER_LOOKUP_URL is not a valid URL'],
    [{ ORDER_LOOKUP_URL: 'ftp://shop.example/orders/{orderNumber}' }, 'ORDER_LOOKUP_URL must use http or https'],
    [{ ORDER_LOOKUP_URL: 'https://shop.example/orders' }, 'ORDER_LOOKUP_URL must contain {orderNumber}'],
    [{ ORDER_LOOKUP_URL: 'https://shop.example/orders/{orderNumber}', ORDER_LOOKUP_TIMEOUT_MS: '0' }, 'ORDER_LOOKUP_TIMEOUT_MS must be an integer 1-60000'],
  ])('refuses %j at start-up', (env, message) => {
    expect(() => orderLookupFromEnv(env)).toThrow(message);
  });

  it('accepts an http(s) URL with {orderNumber}', () => {
    expect(orderLookupFromEnv({ ORDER_LOOKUP_URL: 'https://shop.example/api/orders/{orderNumber}', ORDER_LOOKUP_TIMEOUT_MS: '2500' })).toBeInstanceOf(HttpOrderLookup);
  });
});

describe('HttpOrderLookup against a real local HTTP server', () => {
  it('flattens the order, encodes the number, and reports a shop that is not there as unavailable', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url!);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'paid', total: 1999, gift: false, shipping: { carrier: 'DPD' }, items: [1] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const lookup = new HttpOrderLookup(`http://127.0.0.1:${port}/orders/{orderNumber}`, 1_000);
    expect(await lookup.find('acme', 'SO 1/2')).toEqual({ status: 'paid', total: '1999', gift: 'false', 'shipping.carrier': 'DPD' });
    expect(seen).toEqual(['/orders/SO%201%2F2']);
    await new Promise((resolve) => server.close(resolve));

    // Nothing listens there any more: connection refused.
    const gone = lookup.find('acme', 'SO-1');
    await expect(gone).rejects.toBeInstanceOf(OrderSystemUnavailableError);
    await expect(gone).rejects.toThrow(/order system is unavailable: unreachable/);
  });
});
