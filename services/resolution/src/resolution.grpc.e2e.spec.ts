import { credentials, loadPackageDefinition, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath, streamId } from '@ticketing/contracts';
import { eventually } from '@ticketing/eventstore/testing';
import { KEYS, startResolutionApp, startShop, typesOf, type ResolutionApp, type Shop } from './testing/resolution-app';
import { ResolutionTimers } from './timers/resolution-timers';

interface Result {
  ticketId: string;
  revision: number;
  status: string;
}

/** Resolution over gRPC with a real client: collaboration, approvals, reopen/close/merge and macros. */
describe('resolution service over gRPC', () => {
  let app: ResolutionApp;
  let shop: Shop;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let client: any;
  const history = async (ticketId: string) => app.runtime.store.readStream(streamId('ticket', ticketId));
  const call = <T = Result>(method: string, body: object, key?: string) =>
    new Promise<T>((resolve, reject) => {
      const metadata = new Metadata();
      if (key) metadata.set('x-api-key', key);
      client[method](body, metadata, (error: ServiceError | null, response: T) => (error ? reject(error) : resolve(response)));
    });

  beforeAll(async () => {
    shop = await startShop();
    app = await startResolutionApp({}, { ORDER_LOOKUP_URL: shop.ordersUrl });
    const definition = loadSync([protoPath('resolution')], { keepCase: false, longs: String, enums: String, defaults: true, arrays: true });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    client = new (loadPackageDefinition(definition) as any).ticketing.resolution.v1.ResolutionService(app.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await app?.stop();
    await shop?.close();
  });

  it('runs a collaboration task: open, accept, comment, complete; decline after completion is refused', async () => {
    const ticketId = await app.openTicket();
    await expect(call('OpenCollaboration', { ticketId, department: 'marketing', question: 'q' }, KEYS.agent)).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      details: expect.stringContaining('unknown department'),
    });
    const opened = await call<Result & { collaborationId: string; dueAt: string }>('OpenCollaboration', { ticketId, department: 'warehouse', question: 'Scanned out?', expectedRevision: 1 }, KEYS.agent);
    expect(opened).toMatchObject({ ticketId, revision: 2, status: 'pending_third_party', dueAt: expect.any(String) });
    const task = { ticketId, collaborationId: opened.collaborationId };
    await expect(call('AcceptCollaboration', { ...task, expectedRevision: 1 }, KEYS.warehouse)).rejects.toMatchObject({ code: GrpcStatus.ABORTED });
    await call('AcceptCollaboration', { ...task, expectedRevision: 2 }, KEYS.warehouse);
    await call('CommentOnCollaboration', { ...task, text: 'Checking the logs' }, KEYS.warehouse);
    await expect(call('CommentOnCollaboration', { ...task, text: '' }, KEYS.warehouse)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    const done = await call('CompleteCollaboration', { ...task, outcome: 'Scanned out Monday' }, KEYS.warehouse);
    expect(done.status).toBe('open');
    await expect(call('DeclineCollaboration', { ...task, reason: 'x' }, KEYS.warehouse)).rejects.toMatchObject({ code: GrpcStatus.ABORTED });
    expect(typesOf(await history(ticketId)).slice(2)).toEqual(['CollaborationRequested', 'CollaborationAccepted', 'CollaborationCommented', 'CollaborationCompleted']);

    const second = await call<{ collaborationId: string }>('OpenCollaboration', { ticketId, department: 'finance', question: 'Refund booked?' }, KEYS.agent);
    const declined = await call('DeclineCollaboration', { ticketId, collaborationId: second.collaborationId, reason: 'Not ours' }, KEYS.warehouse);
    expect(declined.status).toBe('open');
    await expect(call('AcceptCollaboration', { ticketId, collaborationId: 'not-a-uuid' }, KEYS.warehouse)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
  });

  it('approves and rejects compensation by authority tier: supervisor, then manager', async () => {
    const ticketId = await app.openTicket();
    const small = await call<{ compensationId: string; compensationStatus: string; approverLevel: string }>(
      'ProposeCompensation', { ticketId, kind: 'coupon', amount: '5000', currency: 'EUR', reason: 'Late' }, KEYS.agent,
    );
    expect(small).toMatchObject({ compensationStatus: 'pending', approverLevel: 'supervisor' });
    await expect(call('ApproveCompensation', { ticketId, compensationId: small.compensationId, reason: 'mine' }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
    await call('ApproveCompensation', { ticketId, compensationId: small.compensationId, reason: 'Loyal customer' }, KEYS.supervisor);

    const big = await call<{ compensationId: string; approverLevel: string }>('ProposeCompensation', { ticketId, kind: 'partial_refund', amount: '30000', currency: 'EUR', reason: 'Broken' }, KEYS.agent);
    expect(big.approverLevel).toBe('manager');
    await expect(call('ApproveCompensation', { ticketId, compensationId: big.compensationId, reason: 'ok' }, KEYS.supervisor)).rejects.toMatchObject({
      code: GrpcStatus.PERMISSION_DENIED,
      details: expect.stringContaining('a manager must decide'),
    });
    await call('RejectCompensation', { ticketId, compensationId: big.compensationId, reason: 'Photos show no damage' }, KEYS.manager);
    const events = await history(ticketId);
    expect(events.find((e) => e.type === 'CompensationApproved' && !(e.data as { autoApproved: boolean }).autoApproved)?.data).toMatchObject({ approverId: 'sup-1', reason: 'Loyal customer' });
    expect(events.find((e) => e.type === 'CompensationRejected')).toMatchObject({ actor: { kind: 'supervisor', id: 'mgr-1' }, data: { approverId: 'mgr-1', reason: 'Photos show no damage' } });
    await expect(call('RejectCompensation', { ticketId, compensationId: big.compensationId, reason: 'x' }, KEYS.globexAdmin)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
  });

  it('resolves, reopens (customer, own ticket), closes and merges', async () => {
    const ticketId = await app.openTicket();
    await expect(call('ResolveTicket', { ticketId, resolutionCode: 'answered', summary: 'Done', force: true }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
    await call('ResolveTicket', { ticketId, resolutionCode: 'answered', summary: 'Done' }, KEYS.agent);
    await expect(call('ReopenTicket', { ticketId, reason: 'agent_request' }, KEYS.customer)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    const reopened = await call('ReopenTicket', { ticketId, reason: 'customer_request', note: 'Still broken' }, KEYS.customer);
    expect(reopened.status).toBe('open');
    expect((await history(ticketId)).at(-1)?.data).toMatchObject({ reason: 'customer_request', note: 'Still broken' });
    await call('ResolveTicket', { ticketId, resolutionCode: 'answered', summary: 'Done again' }, KEYS.agent);
    const closed = await call('CloseTicket', { ticketId, reason: 'manual' }, KEYS.agent);
    expect(closed.status).toBe('closed');

    const target = await app.openTicket();
    const duplicate = await app.openTicket();
    await expect(call('MergeTicket', { ticketId: duplicate, targetTicketId: '00000000-0000-7000-8000-000000000000', reason: 'x' }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    const merged = await call<Result & { targetTicketId: string }>('MergeTicket', { ticketId: duplicate, targetTicketId: target, reason: 'Same parcel' }, KEYS.agent);
    expect(merged).toMatchObject({ ticketId: duplicate, targetTicketId: target, status: 'merged' });
    expect((await history(target)).at(-1)?.data).toMatchObject({ sourceTicketId: duplicate, targetTicketId: target });
    await expect(call('CloseTicket', { ticketId: target, reason: 'manual' })).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
  });

  it('lists, saves, removes and applies macros; order fields come from the shop unless given', async () => {
    const { macros } = await call<{ macros: Array<{ macroId: string; setStatus: string }> }>('ListMacros', {}, KEYS.agent);
    expect(macros.find((m) => m.macroId === 'default.logistics-tracking')).toMatchObject({ setStatus: 'resolved' });
    await expect(call('SaveMacro', { macroId: 'late', name: 'Late', body: 'Sorry {{customerName}}' }, KEYS.supervisor)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await expect(call('SaveMacro', { macroId: 'late', name: 'Late', body: 'x' }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
    const saved = await call<{ macroId: string; addTags: string[]; setStatus: string }>(
      'SaveMacro', { macroId: 'late', name: 'Late', body: 'Order {{ticket.orderNumber}} is {{order.status}} with {{order.carrier}}.', addTags: ['late'] }, KEYS.supervisor,
    );
    expect(saved).toMatchObject({ macroId: 'late', addTags: ['late'], setStatus: '' });
    await call('RemoveMacro', { macroId: 'default.payment-problem' }, KEYS.supervisor);
    await expect(call('RemoveMacro', { macroId: 'default.payment-problem' }, KEYS.supervisor)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    const after = await call<{ macros: Array<{ macroId: string }> }>('ListMacros', {}, KEYS.agent);
    expect(after.macros.map((m) => m.macroId)).toEqual(expect.arrayContaining(['late']));
    expect(after.macros.map((m) => m.macroId)).not.toContain('default.payment-problem');

    const ticketId = await app.openTicket({ orderNumber: 'SO-2002' });
    const applied = await call('ApplyMacro', { ticketId, macroId: 'late', fields: { carrier: 'DHL Express' } }, KEYS.agent);
    expect(applied.revision).toBe(3);
    const events = await history(ticketId);
    expect(typesOf(events).slice(2)).toEqual(['AgentReplied', 'TicketTagsChanged']);
    expect(events[2].data).toMatchObject({ text: 'Order SO-2002 is shipped with DHL Express.' });
    await expect(call('ApplyMacro', { ticketId, macroId: 'no-such' }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await expect(call('ApplyMacro', { ticketId, macroId: 'late' }, KEYS.globexAdmin)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT }); // globex has no such macro
    await expect(call('ApplyMacro', { ticketId, macroId: 'default.order-status' }, KEYS.globexAdmin)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
  });

  it('lists the caller’s notifications and marks one read', async () => {
    const ticketId = await app.openTicket();
    await call('SendProgressUpdate', { ticketId, text: 'Soon', expectedResolutionAt: new Date(Date.now() + 60_000).toISOString() }, KEYS.agent);
    const timers = app.running.app.get(ResolutionTimers);
    const notified = await eventually(async () => {
      const report = await timers.sweep(new Date(Date.now() + 10 * 60_000));
      return report.promisesNotified.includes(ticketId) ? true : undefined;
    });
    expect(notified).toBe(true);
    type Notice = { notificationId: string; ticketId: string; kind: string; recipientId: string; readAt: string };
    const notice = await eventually(async () => {
      const { notifications } = await call<{ notifications: Notice[] }>('ListNotifications', { unreadOnly: true }, KEYS.supervisor);
      return notifications.find((n) => n.ticketId === ticketId);
    });
    expect(notice).toMatchObject({ kind: 'promise_overdue', recipientId: '', readAt: '' });
    await expect(call('MarkNotificationRead', { notificationId: notice.notificationId }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    await expect(call('MarkNotificationRead', { notificationId: 'x' }, KEYS.supervisor)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    const read = await call<{ readAt: string }>('MarkNotificationRead', { notificationId: notice.notificationId }, KEYS.supervisor);
    expect(Date.parse(read.readAt)).not.toBeNaN();
    await eventually(async () => {
      const { notifications } = await call<{ notifications: Notice[] }>('ListNotifications', { unreadOnly: true }, KEYS.supervisor);
      return notifications.some((n) => n.notificationId === notice.notificationId) ? undefined : true;
    });
  });

  it('sends progress updates and changes tags', async () => {
    const ticketId = await app.openTicket();
    await expect(call('SendProgressUpdate', { ticketId, text: 'x', expectedResolutionAt: 'tomorrow' }, KEYS.agent)).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    const expectedResolutionAt = new Date(Date.now() + 86_400_000).toISOString();
    await call('SendProgressUpdate', { ticketId, text: 'Checking with the carrier', expectedResolutionAt }, KEYS.agent);
    await call('ChangeTags', { ticketId, add: ['carrier-delay'] }, KEYS.agent);
    const events = await history(ticketId);
    expect(events.find((e) => e.type === 'ProgressUpdateSent')?.data).toMatchObject({ expectedResolutionAt });
    expect(events.at(-1)?.data).toMatchObject({ added: ['carrier-delay'] });
  });
});
