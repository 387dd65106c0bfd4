import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which agent holds which open ticket, so load can be released when the ticket ends. */
@Entity({ schema: 'routing', name: 'ticket_assignments' })
export class TicketAssignment {
  @PrimaryColumn('text')
  ticketId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  agentId!: string;
}
