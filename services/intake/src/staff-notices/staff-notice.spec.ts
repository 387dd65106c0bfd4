import type { CommandMetadata, NewEvent, StaffNoticeRequestedData } from '@ticketing/contracts';
import { deliveryDecider } from '../outbound/delivery.decider';
import { specification } from '../testing/decider-specification';
import { destinationFor, staffNoticeSubject, staffNoticeText, type StaffNotice, type StaffNoticeDestinations } from './staff-notice';

const team = { webhookUrl: 'https://alerts.acme.example/hook', supervisorsEmail: 'leads@acme.example', directory: [{ recipientId: 'agent-7', email: 'jane@acme.example' }] };
const none: StaffNoticeDestinations = { tenant: null, smtp: false, deployment: { webhookUrl: null, email: null } };
const toAgent7 = { recipientRole: 'senior' as const, recipientId: 'agent-7' };
const toSupervisors = { recipientRole: 'supervisor' as const, recipientId: null };
const toAgent3 = { recipientRole: 'assignee' as const, recipientId: 'agent-3' };

describe('where a staff notice goes', () => {
  it("mails the person in the tenant's directory, and notices to every supervisor to the supervisors' address", () => {
    expect(destinationFor(toAgent7, { ...none, tenant: team, smtp: true })).toEqual({ transport: 'smtp', address: 'jane@acme.example' });
    expect(destinationFor(toSupervisors, { ...none, tenant: team, smtp: true })).toEqual({ transport: 'smtp', address: 'leads@acme.example' });
  });

  it("posts to the tenant's staff webhook when it has no address for them, or mail cannot leave", () => {
    expect(destinationFor(toAgent3, { ...none, tenant: team, smtp: true })).toEqual({ transport: 'webhook', address: null });
    expect(destinationFor(toAgent7, { ...none, tenant: team, smtp: false })).toEqual({ transport: 'webhook', address: null });
  });

  it("falls back to the deployment's webhook, then its address", () => {
    const tenantWithoutHook = { ...team, webhookUrl: null };
    expect(destinationFor(toAgent3, { tenant: tenantWithoutHook, smtp: true, deployment: { webhookUrl: 'https://ops.example/hook', email: 'ops@example.com' } })).toEqual({ transport: 'webhook', address: null });
    expect(destinationFor(toAgent3, { tenant: null, smtp: true, deployment: { webhookUrl: null, email: 'ops@example.com' } })).toEqual({ transport: 'smtp', address: 'ops@example.com' });
  });

  it('has no destination, with the reason, when nothing is configured, or only an address and no SMTP relay', () => {
    expect(destinationFor(toAgent3, none)).toMatchObject({ transport: null, problem: expect.stringMatching(/no address for assignee agent-3 and no staff-notice webhook/) });
    expect(destinationFor(toAgent7, { ...none, tenant: { ...team, webhookUrl: null } })).toMatchObject({ transport: null, problem: expect.stringMatching(/jane@acme\.example, but no SMTP relay/) });
  });

  it('subject and text name the ticket and the reason, never with a [#ref] the mailbox poller would thread', () => {
    const notice: StaffNotice = { noticeType: 'ResolutionNoticeSent', ticketId: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000', kind: 'promise_overdue', target: '2026-03-01T10:00:00.000Z', ...toSupervisors, escalationLevel: 1, reason: 'promised update missed' };
    expect(staffNoticeSubject(notice)).toBe('Promised update overdue: ticket 0190aaaa');
    expect(staffNoticeText(notice)).toContain('promised update missed');
    expect(staffNoticeText(notice)).toContain('To: every supervisor, escalation level 1.');
  });
});

const metadata: CommandMetadata = { tenantId: 'acme', actor: { kind: 'service', id: 'intake' }, correlationId: 'c-1', causationId: 'n-1', now: '2026-03-01T10:00:00.000Z' };
const request: StaffNoticeRequestedData = {
  deliveryId: 'd-1', ticketId: 't-1', sourceEventId: 'n-1', noticeType: 'RoutingNoticeSent', kind: 'sla_breach', target: 'first_response', ...toSupervisors,
  escalationLevel: 2, reason: 'breached', transport: 'webhook', address: null, text: 'SLA breached', maxAttempts: 2,
};
const requested: NewEvent = { type: 'StaffNoticeRequested', schemaVersion: 1, tenantId: 'acme', actor: metadata.actor, correlationId: 'c-1', causationId: 'n-1', occurredAt: metadata.now, data: request };
const attempt = (ok: boolean) => ({ type: 'RecordAttempt' as const, metadata, data: { ok, statusCode: ok ? 200 : 503, detail: ok ? 'HTTP 200' : 'HTTP 503', transportMessageId: 'd-1', backoffMs: 100, maxBackoffMs: 1000 } });
const undeliverable = { type: 'RecordStaffNoticeUndeliverable' as const, metadata, data: { deliveryId: 'd-1', ticketId: 't-1', sourceEventId: 'n-1', noticeType: 'RoutingNoticeSent' as const, kind: 'sla_breach' as const, ...toSupervisors, reason: 'no staff-notice destination' } };

describe('delivery decider: staff notices', () => {
  const delivery = specification(deliveryDecider);

  it('given nothing, a notice is requested once; given it requested, a redelivered notice decides nothing', () => {
    expect(delivery.given([]).when({ type: 'RequestStaffNotice', metadata, data: request }).map((e) => e.type)).toEqual(['StaffNoticeRequested']);
    expect(delivery.given([requested]).when({ type: 'RequestStaffNotice', metadata, data: request })).toEqual([]);
    expect(delivery.given([requested]).when(undeliverable)).toEqual([]);
  });

  it('given a requested notice, attempts are recorded and the last failure ends it, as for a customer message', () => {
    expect(delivery.given([requested]).when(attempt(true)).map((e) => e.type)).toEqual(['DeliveryAttempted', 'MessageDelivered']);
    const firstFailure = delivery.given([requested]).when(attempt(false));
    expect(firstFailure[0].data).toMatchObject({ attempt: 1, outcome: 'failed', nextAttemptAt: '2026-03-01T10:00:00.100Z' });
    expect(delivery.given([requested, firstFailure[0]]).when(attempt(false)).map((e) => e.type)).toEqual(['DeliveryAttempted', 'DeliveryFailed']);
  });

  it('given an undeliverable notice, nothing is ever attempted or requested again', () => {
    const [recorded] = delivery.given([]).when(undeliverable);
    expect(recorded.type).toBe('StaffNoticeUndeliverable');
    expect(delivery.given([recorded]).when(attempt(true))).toEqual([]);
    expect(delivery.given([recorded]).when({ type: 'RequestStaffNotice', metadata, data: request })).toEqual([]);
  });

  it('refuses (by contract) an e-mailed notice without an address', () => {
    const [event] = delivery.given([]).when({ type: 'RequestStaffNotice', metadata, data: { ...request, transport: 'smtp', address: 'jane@acme.example' } });
    expect(event.data).toMatchObject({ transport: 'smtp', address: 'jane@acme.example' });
    expect(() => delivery.given([]).when({ type: 'RequestStaffNotice', metadata, data: { ...request, transport: 'smtp', address: null } })).toThrow();
  });
});
