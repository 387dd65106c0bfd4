import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What knowledge knows of a ticket: the customer's words, its category, the agents' replies and how
 * it was resolved. Fed by `knowledge.tickets` from the ticket events (never by reading another
 * service's tables); agent assist suggests from it and learning groups the resolved ones.
 */
@Entity({ schema: 'knowledge', name: 'tickets' })
@Index(['tenantId', 'resolvedAt'])
export class KnowledgeTicket {
  @PrimaryColumn('text')
  tenantId!: string;

  @PrimaryColumn('text')
  ticketId!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  text!: string;

  @Column('text')
  language!: string;

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('simple-json')
  tags!: string[];

  /** open | resolved | closed */
  @Column('text')
  status!: string;

  @Column('timestamptz')
  openedAt!: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;

  @Column('text', { nullable: true })
  resolutionCode!: string | null;

  @Column('text', { nullable: true })
  resolutionSummary!: string | null;

  /** The latest agent replies (bounded), the raw material of a learned article. */
  @Column('simple-json')
  replies!: string[];
}

/**
 * A tenant's macros as resolution announced them (MacroSaved / MacroRemoved). A removed macro stays
 * as a tombstone (`removed`), so a default macro the tenant removed is not suggested again.
 */
@Entity({ schema: 'knowledge', name: 'macros' })
export class KnowledgeMacro {
  @PrimaryColumn('text')
  tenantId!: string;

  @PrimaryColumn('text')
  macroId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  body!: string;

  @Column('text', { nullable: true })
  category!: string | null;

  @Column('simple-json')
  tags!: string[];

  @Column('boolean', { default: false })
  removed!: boolean;
}

/** Tickets a learned draft was built from (from ArticleDrafted), so the same problem is proposed once. */
@Entity({ schema: 'knowledge', name: 'learned_sources' })
export class LearnedSource {
  @PrimaryColumn('text')
  tenantId!: string;

  @PrimaryColumn('text')
  ticketId!: string;

  @Column('text')
  articleId!: string;
}
