import { defineEvent, nullable, oneOf, string, timestamp } from '../events-kit';
import { DEPARTMENTS, type Department } from '../vocabulary';
import { ticketId, ticketStream } from './shared-fields';

const collaborationId = string('Id of the collaboration request within the ticket.');
const department = oneOf(DEPARTMENTS, 'The department asked for help.');

export interface CollaborationRequestedData {
  ticketId: string;
  collaborationId: string;
  department: Department;
  question: string;
  requestedBy: string;
  /** When the department is expected to answer; null = department default. */
  dueAt: string | null;
}

export const CollaborationRequested = defineEvent<'CollaborationRequested', CollaborationRequestedData>({
  type: 'CollaborationRequested',
  summary: 'Another department was asked to help; the ticket waits on them (`pending_third_party`).',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution', 'feedback'],
  schema: {
    ticketId,
    collaborationId,
    department,
    question: string('What the department is asked to do or answer.', { maxLength: 10_000 }),
    requestedBy: string('Agent who asked.'),
    dueAt: nullable(timestamp('Expected answer time.')),
  },
});

export interface CollaborationCompletedData {
  ticketId: string;
  collaborationId: string;
  department: Department;
  outcome: string;
  completedBy: string;
}

export const CollaborationCompleted = defineEvent<'CollaborationCompleted', CollaborationCompletedData>({
  type: 'CollaborationCompleted',
  summary: 'A department answered; when none is left open, the ticket is `open` again.',
  streamCategory: ticketStream,
  producers: ['resolution'],
  consumers: ['resolution', 'feedback'],
  schema: {
    ticketId,
    collaborationId,
    department,
    outcome: string('The department’s answer or what it did.', { maxLength: 10_000 }),
    completedBy: string('Who in the department answered (user or system id).'),
  },
});
