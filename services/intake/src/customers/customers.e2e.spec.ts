import { credentials, loadPackageDefinition, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '@ticketing/contracts';
import request from 'supertest';
import { eventually, INTAKE_KEYS, startIntakeApp, type IntakeApp } from '../testing/intake-app';
import type { TicketDetails } from '../tickets.service';
import type { CustomerOverview } from './customers.service';

/** Customers on the embedded runtime: one person across channels, CRM pushes, tenant isolation, bad input. */
describe('intake customers (embedded runtime, HTTP and gRPC)', () => {
  let app: IntakeApp;
  let http: ReturnType<typeof request>;
  const open = (body: object) => http.post('/tickets').set('X-Api-Key', INTAKE_KEYS.customer).send({ subject: 'Help', text: 'Where is my order?', ...body }).expect(201);
  const opened = (ticket: TicketDetails) => ticket.history[0].data as { customerId: string; customerTier: string };
  const overview = (customerId: string, key = INTAKE_KEYS.agent) => http.get(`/customers/${customerId}/overview`).set('X-Api-Key', key);
  /** The identity table and ticket list are read models: wait until the overview shows `tickets`. */
  const overviewWith = (customerId: string, tickets: number): Promise<CustomerOverview> =>
    eventually(async () => {
      const { body } = await overview(customerId).expect(200);
      return body.tickets.length >= tickets ? (body as CustomerOverview) : undefined;
    });
  const eventCount = async () => (await app.runtime.store.readAll({ maxCount: 100_000 })).length;

  beforeAll(async () => {
    app = await startIntakeApp();
    http = request(app.running.httpUrl);
  });
  afterAll(async () => app?.stop());

  it('a CRM push links e-mail and chat of one person: both tickets carry the customer and their VIP tier, one overview lists both', async () => {
    const record = {
      externalId: 'crm-10045',
      name: 'Li Wei',
      tier: 'vip',
      identities: [
        { kind: 'email', value: ' Li.Wei@Example.com' },
        { kind: 'app_user', value: 'app-user-li' },
        { kind: 'phone', value: '+86 138 0013 8000' },
      ],
    };
    const created = await http.put('/customers/li-wei').set('X-Api-Key', INTAKE_KEYS.supervisor).send(record).expect(201);
    // The CRM pushes the same record again: nothing changes, nothing is written.
    const before = await eventCount();
    const again = await http.put('/customers/li-wei').set('X-Api-Key', INTAKE_KEYS.supervisor).send(record).expect(200);
    expect(again.body).toEqual({ customerId: 'li-wei', created: false, revision: created.body.revision });
    expect(await eventCount()).toBe(before);

    const byEmail = (await open({ channel: 'email', customerHandle: 'li.wei@example.com' })).body as TicketDetails;
    const byChat = (await open({ channel: 'chat', customerHandle: 'app-user-li' })).body as TicketDetails;
    expect(opened(byEmail)).toMatchObject({ customerId: 'li-wei', customerTier: 'vip' });
    expect(opened(byChat)).toMatchObject({ customerId: 'li-wei', customerTier: 'vip' });

    const view = await overviewWith('li-wei', 2);
    expect(view).toMatchObject({ customerId: 'li-wei', tier: 'vip', externalId: 'crm-10045', name: 'Li Wei' });
    expect(view.identities.map((i) => `${i.kind} ${i.value}`)).toEqual(['app_user app-user-li', 'email li.wei@example.com', 'phone +8613800138000']);
    expect(view.tickets.map((t) => t.ticketId).sort()).toEqual([byEmail.ticketId, byChat.ticketId].sort());
    expect(view.tickets.map((t) => t.channel).sort()).toEqual(['chat', 'email']);

    // The agent's view from a ticket is the same customer.
    const fromTicket = await http.get(`/tickets/${byChat.ticketId}/customer`).set('X-Api-Key', INTAKE_KEYS.agent).expect(200);
    expect(fromTicket.body).toMatchObject({ ticketId: byChat.ticketId, customerId: 'li-wei', tier: 'vip' });

    // A tier change applies to tickets opened from then on.
    await http.put('/customers/li-wei').set('X-Api-Key', INTAKE_KEYS.supervisor).send({ tier: 'regular', reason: 'membership lapsed' }).expect(200);
    expect(opened((await open({ channel: 'hotline', customerHandle: '0086 138-0013-8000' })).body)).toMatchObject({ customerId: 'li-wei', customerTier: 'regular' });
  });

  it('links a chat identity to the e-mail customer after both wrote in: the overview lists both tickets', async () => {
    const byEmail = (await open({ channel: 'email', customerHandle: 'mia@example.com' })).body as TicketDetails;
    const byChat = (await open({ channel: 'chat', customerHandle: 'chat-user-mia' })).body as TicketDetails;
    const mia = opened(byEmail).customerId;
    expect(opened(byChat).customerId).not.toBe(mia); // unknown until someone links them

    await http.post(`/customers/${mia}/identities`).set('X-Api-Key', INTAKE_KEYS.agent).send({ kind: 'app_user', value: 'chat-user-mia', reason: 'same person, confirmed in chat' }).expect(201);
    const view = await overviewWith(mia, 2);
    expect(view.identities.map((i) => i.kind).sort()).toEqual(['app_user', 'email']);
    expect(view.tickets.map((t) => t.ticketId).sort()).toEqual([byEmail.ticketId, byChat.ticketId].sort());
    // From the chat ticket, the agent sees her too (the chat-only customer was absorbed).
    const fromChat = await http.get(`/tickets/${byChat.ticketId}/customer`).set('X-Api-Key', INTAKE_KEYS.agent).expect(200);
    expect(fromChat.body).toMatchObject({ ticketId: byChat.ticketId, customerId: mia });
    // The next chat goes straight to her.
    expect(opened((await open({ channel: 'chat', customerHandle: 'chat-user-mia' })).body).customerId).toBe(mia);
  });

  it('simultaneous first contacts of one new handle end with one customer', async () => {
    const tickets = await Promise.all(['email', 'chat', 'webform', 'email'].map((channel) => open({ channel, customerHandle: 'New.Person@example.com' })));
    expect(new Set(tickets.map((t) => opened(t.body).customerId)).size).toBe(1);
    const customerId = opened(tickets[0].body).customerId;
    const identityStreams = (await app.runtime.store.readAll({ maxCount: 100_000, categories: ['customeridentity'] })).filter(
      (e) => (e.data as { value: string }).value === 'new.person@example.com',
    );
    expect(identityStreams).toHaveLength(1);
    expect((await overviewWith(customerId, 4)).tickets).toHaveLength(4);
  });

  it("keeps tenants apart: another tenant's customer and ticket answer 404", async () => {
    const ticket = (await open({ channel: 'email', customerHandle: 'acme-only@example.com' })).body as TicketDetails;
    const customerId = opened(ticket).customerId;
    await overviewWith(customerId, 1);
    await overview(customerId, INTAKE_KEYS.otherAgent).expect(404);
    await http.get(`/tickets/${ticket.ticketId}/customer`).set('X-Api-Key', INTAKE_KEYS.otherAgent).expect(404);
    await http.post(`/customers/${customerId}/identities`).set('X-Api-Key', INTAKE_KEYS.otherAgent).send({ kind: 'email', value: 'x@example.com' }).expect(404);
    await http.get('/customers?kind=email&value=acme-only@example.com').set('X-Api-Key', INTAKE_KEYS.otherAgent).expect(404);
    await http.get('/customers?kind=email&value=ACME-only@example.com').set('X-Api-Key', INTAKE_KEYS.agent).expect(200, { customerId });
    // Customers cannot read customer records, and agents cannot push CRM records.
    await overview(customerId, INTAKE_KEYS.customer).expect(403);
    await http.put(`/customers/${customerId}`).set('X-Api-Key', INTAKE_KEYS.agent).send({ tier: 'vip' }).expect(403);
  });

  it.each([
    ['an invalid e-mail', 'put', '/customers/bad-input', { identities: [{ kind: 'email', value: 'not-an-email' }] }, 'identities.0.value'],
    ['an invalid phone', 'post', '/customers/li-wei/identities', { kind: 'phone', value: 'call me' }, 'value'],
    ['a social handle without network', 'post', '/customers/li-wei/identities', { kind: 'social', value: 'liwei' }, 'network'],
    ['an unknown identity kind', 'post', '/customers/li-wei/identities', { kind: 'fax', value: '123' }, 'kind'],
    ['an unknown tier', 'put', '/customers/bad-input', { tier: 'gold' }, 'tier'],
    ['a bad customer id', 'put', '/customers/bad%20id', { tier: 'vip' }, 'customerId'],
  ] as const)('refuses %s with 400 problem+json naming the field, writing nothing', async (_, method, path, body, field) => {
    const before = await eventCount();
    const response = await http[method](path).set('X-Api-Key', INTAKE_KEYS.supervisor).send(body).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await eventCount()).toBe(before);
  });

  it('speaks gRPC: CustomerService with the same tenant rules', async () => {
    const definition = loadSync([protoPath('intake')], { keepCase: false, longs: String, enums: String, defaults: true, arrays: true });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const client = new (loadPackageDefinition(definition) as any).ticketing.intake.v1.CustomerService(app.grpcAddress, credentials.createInsecure());
    const call = <T>(method: string, body: object, key: string) =>
      new Promise<T>((resolve, reject) => {
        const metadata = new Metadata();
        metadata.set('x-api-key', key);
        client[method](body, metadata, (error: ServiceError | null, response: T) => (error ? reject(error) : resolve(response)));
      });
    const upserted = await call<{ created: boolean }>('UpsertCustomer', { customerId: 'grpc-1', tier: 'vip', identities: [{ kind: 'social', network: 'WeChat', value: '@Grpc_One' }] }, INTAKE_KEYS.supervisor);
    expect(upserted.created).toBe(true);
    const linked = await call('LinkCustomerIdentity', { customerId: 'grpc-1', kind: 'email', value: 'GRPC@example.com' }, INTAKE_KEYS.agent);
    expect(linked).toMatchObject({ kind: 'email', value: 'grpc@example.com', network: '' });
    const view = await eventually(async () => {
      const v = await call<{ tier: string; identities: Array<{ kind: string; network: string; value: string }> }>('GetCustomerOverview', { customerId: 'grpc-1' }, INTAKE_KEYS.agent);
      return v.identities.length === 2 ? v : undefined;
    });
    expect(view.tier).toBe('vip');
    expect(view.identities).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'social', network: 'wechat', value: 'grpc_one' })]));
    await expect(call('GetCustomerOverview', { customerId: 'grpc-1' }, INTAKE_KEYS.otherAgent)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    await expect(call('LinkCustomerIdentity', { customerId: 'grpc-1', kind: 'phone', value: 'nope' }, INTAKE_KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    client.close();
  });
});
