import { RoutingNoticeSent, ResolutionNoticeSent, type EventEnvelope, type StaffNoticeKind, type StaffNoticeRequestedData, type StaffNoticeSetting } from '@ticketing/contracts';

/** A RoutingNoticeSent or ResolutionNoticeSent, in the one shape both have (ADR 0009). */
export type StaffNotice = Pick<StaffNoticeRequestedData, 'noticeType' | 'ticketId' | 'kind' | 'target' | 'recipientRole' | 'recipientId' | 'escalationLevel' | 'reason'>;

export function staffNoticeOf(event: EventEnvelope): StaffNotice | null {
  if (RoutingNoticeSent.is(event)) return { noticeType: 'RoutingNoticeSent', ...event.data };
  if (ResolutionNoticeSent.is(event)) return { noticeType: 'ResolutionNoticeSent', ...event.data };
  return null;
}

/** What is configured for staff notices, the tenant's own settings first. */
export interface StaffNoticeDestinations {
  tenant: StaffNoticeSetting | null;
  /** Whether mail can leave at all: the tenant's relay or INTAKE_SMTP_URL. */
  smtp: boolean;
  deployment: { webhookUrl: string | null; email: string | null };
}

export type StaffNoticeDestination = { transport: 'smtp'; address: string } | { transport: 'webhook'; address: null } | { transport: null; problem: string };

export const recipientLabel = (notice: Pick<StaffNotice, 'recipientRole' | 'recipientId'>) =>
  notice.recipientId ? `${notice.recipientRole} ${notice.recipientId}` : `every ${notice.recipientRole}`;

/**
 * Where one notice goes: mail to the person's own address (the tenant's directory) or, for a notice
 * to every supervisor, to the supervisors' address; else the tenant's signed staff-notice webhook;
 * else the deployment's INTAKE_STAFF_WEBHOOK_URL, then INTAKE_STAFF_EMAIL. Nothing configured: no
 * destination, with the reason (the notice stays in the in-app inbox only).
 */
export function destinationFor(notice: Pick<StaffNotice, 'recipientRole' | 'recipientId'>, where: StaffNoticeDestinations): StaffNoticeDestination {
  const { tenant, smtp, deployment } = where;
  const personal = notice.recipientId === null ? tenant?.supervisorsEmail : tenant?.directory.find((a) => a.recipientId === notice.recipientId)?.email;
  if (personal && smtp) return { transport: 'smtp', address: personal };
  if (tenant?.webhookUrl) return { transport: 'webhook', address: null };
  if (deployment.webhookUrl) return { transport: 'webhook', address: null };
  if (deployment.email && smtp) return { transport: 'smtp', address: deployment.email };
  const why = personal
    ? `${recipientLabel(notice)} has the address ${personal}, but no SMTP relay is configured (the tenant's channel settings or INTAKE_SMTP_URL)`
    : `no address for ${recipientLabel(notice)} and no staff-notice webhook in the tenant's channel settings (staffNotices), and no INTAKE_STAFF_WEBHOOK_URL or INTAKE_STAFF_EMAIL in the deployment`;
  return { transport: null, problem: `no staff-notice destination: ${why}` };
}

const NOTICE_TITLES: Record<StaffNoticeKind, string> = {
  sla_warning: 'SLA warning',
  sla_breach: 'SLA breached',
  escalation: 'Escalation',
  collaboration_overdue: 'Collaboration task overdue',
  promise_overdue: 'Promised update overdue',
};

/** `SLA breached: ticket 1a2b3c4d (first_response)` — no `[#ref]`, which the mailbox poller would thread onto the ticket. */
export function staffNoticeSubject(notice: Pick<StaffNotice, 'kind' | 'ticketId' | 'target'>): string {
  const target = notice.target && !/^\d{4}-\d\d-\d\dT/.test(notice.target) ? ` (${notice.target})` : '';
  return `${NOTICE_TITLES[notice.kind]}: ticket ${notice.ticketId.slice(0, 8)}${target}`;
}

export function staffNoticeText(notice: StaffNotice): string {
  const level = notice.escalationLevel > 0 ? `, escalation level ${notice.escalationLevel}` : '';
  return `${staffNoticeSubject(notice)}\n\n${notice.reason}\n\nTo: ${recipientLabel(notice)}${level}. Ticket ${notice.ticketId}.`;
}
