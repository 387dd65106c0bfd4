import { defineEvent, integer, nullable, oneOf, string } from '../ticket/events-kit';

/* Notices to people about resolution work that fell overdue. They have the shape of routing's
 * RoutingNoticeSent (ticketId, kind, target, recipientRole, recipientId, escalationLevel, reason),
 * so one inbox reads both. A notice stream is `resolutionnotice-<ticketId>.<kind>.<target>`, written
 * once (expected revision: no stream), so a repeated sweep or redelivery never notifies twice.
 * Reading a notice is an event too (`noticeread-<tenantId>.<readerId>`), so the inbox is rebuildable. */

export const resolutionNoticeStream = 'resolutionnotice';
export const noticeReadStream = 'noticeread';

export const RESOLUTION_NOTICE_KINDS = ['collaboration_overdue', 'promise_overdue'] as const;
export type ResolutionNoticeKind = (typeof RESOLUTION_NOTICE_KINDS)[number];

/** `department_lead`: the department's escalation contact; `supervisor` with no recipient id: every supervisor of the tenant. */
export const RESOLUTION_NOTICE_RECIPIENTS = ['department_lead', 'supervisor'] as const;
export type ResolutionNoticeRecipient = (typeof RESOLUTION_NOTICE_RECIPIENTS)[number];

export interface ResolutionNoticeSentData {
  ticketId: string;
  kind: ResolutionNoticeKind;
  /** The collaboration task (collaboration_overdue) or the promised time (promise_overdue). */
  target: string | null;
  recipientRole: ResolutionNoticeRecipient;
  /** The person notified; null = every supervisor of the tenant. */
  recipientId: string | null;
  escalationLevel: number;
  reason: string;
}

export const ResolutionNoticeSent = defineEvent<'ResolutionNoticeSent', ResolutionNoticeSentData>({
  type: 'ResolutionNoticeSent',
  summary: "Resolution notified a person that a collaboration task or a promised progress update went overdue (same shape as RoutingNoticeSent).",
  streamCategory: resolutionNoticeStream,
  producers: ['resolution'],
  consumers: ['resolution', 'intake'],
  schema: {
    ticketId: string('The ticket.'),
    kind: oneOf(RESOLUTION_NOTICE_KINDS, 'What went overdue.'),
    target: nullable(string('The collaboration task id, or the promised resolution time.', { maxLength: 200 })),
    recipientRole: oneOf(RESOLUTION_NOTICE_RECIPIENTS, 'Who is notified: the department lead or the supervisors.'),
    recipientId: nullable(string('Person notified; null = all supervisors of the tenant.', { maxLength: 200 })),
    escalationLevel: integer('Escalation level of the notice (1 = first escalation).', { min: 0, max: 3 }),
    reason: string('Why they are notified.', { maxLength: 1000 }),
  },
});

export interface NoticeReadData {
  /** Event id of the notice (a RoutingNoticeSent or ResolutionNoticeSent). */
  noticeId: string;
  readerId: string;
}

export const NoticeRead = defineEvent<'NoticeRead', NoticeReadData>({
  type: 'NoticeRead',
  summary: 'A person marked a notice in their inbox as read.',
  streamCategory: noticeReadStream,
  producers: ['resolution'],
  consumers: ['resolution'],
  schema: {
    noticeId: string('Event id of the notice.', { maxLength: 100 }),
    readerId: string('Who read it.', { maxLength: 200 }),
  },
});

export const resolutionNoticeEventDefinitions = [ResolutionNoticeSent, NoticeRead] as const;
