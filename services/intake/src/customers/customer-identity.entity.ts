import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who an identity belongs to, unique per tenant + kind + network + value (the key is the primary
 * key). Fed by `customeridentity-*` streams, whose one-stream-per-identity appends already keep an
 * identity to one owner; this table is for lookups and views, not for deciding.
 */
@Entity({ schema: 'intake', name: 'customer_identities' })
@Index(['tenantId', 'customerId'])
export class CustomerIdentityRow {
  @PrimaryColumn('text')
  tenantId!: string;

  @PrimaryColumn('text')
  kind!: string;

  /** '' for every kind but `social`: a NULL in a primary key would not be unique. */
  @PrimaryColumn('text')
  network!: string;

  @PrimaryColumn('text')
  value!: string;

  /** Null once unlinked; the row stays so a later move keeps the identity's history. */
  @Column('text', { nullable: true })
  customerId!: string | null;

  /** Customers the identity was moved away from: their tickets came from this person too. */
  @Column('jsonb')
  previousCustomerIds!: string[];

  @Column('timestamptz')
  linkedAt!: Date;
}
