import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A slot of an agent's capacity booked by an assignment that routing.tickets has not seen yet.
 * Written under the agent's row lock in the same transaction that appends the TicketAssigned, and
 * removed when the projection applies that assignment, so load = projected tickets + reservations.
 */
@Entity({ schema: 'routing', name: 'capacity_reservations' })
@Index(['tenantId', 'agentId', 'channel'])
export class CapacityReservation {
  @PrimaryColumn('text')
  ticketId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  agentId!: string;

  @Column('text')
  channel!: string;

  @Column('timestamptz')
  reservedAt!: Date;
}
