import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Where a ticket's conversation lives and where replies go; rebuilt from ConversationTicketLinked. */
@Entity({ schema: 'intake', name: 'ticket_channels' })
@Index(['tenantId', 'ticketId'])
export class TicketChannel {
  @PrimaryColumn('text')
  ticketId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  channel!: string;

  @Column('text')
  customerHandle!: string;

  @Column('text')
  keyKind!: string;

  @Column('text')
  conversationKey!: string;

  @Column('text', { nullable: true })
  previousTicketId!: string | null;

  @Column('timestamptz')
  linkedAt!: Date;
}
