import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A ticket's opening text with the labels an agent gave it: the tenant's training data. Rows exist
 * from TicketOpened on (the text is only on that event); `corrected` becomes true with the first
 * TicketReclassified by a person, and only corrected rows are trained on.
 */
@Entity({ schema: 'intake', name: 'classification_training' })
@Index(['tenantId', 'corrected'])
export class TrainingExample {
  @PrimaryColumn('text')
  ticketId!: string;

  @Column('text')
  tenantId!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  text!: string;

  @Column('text', { nullable: true })
  category!: string | null;

  /** The tenant subcategory the agent gave (null: none of the category's); trains the subcategory model. */
  @Column('text', { nullable: true })
  subcategory!: string | null;

  @Column('text', { nullable: true })
  priority!: string | null;

  @Column('boolean', { nullable: true })
  complaint!: boolean | null;

  @Column('boolean')
  corrected!: boolean;

  @Column('timestamptz', { nullable: true })
  correctedAt!: Date | null;
}
