import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClassificationRule } from '@ticketing/classifier';
import type { Category } from '@ticketing/contracts';

/**
 * A tenant's classification rules and self-service settings, managed by API (PUT replaces them).
 * Configuration, not ticket history: a row per tenant, not an event stream.
 */
@Entity({ schema: 'intake', name: 'tenant_settings' })
export class IntakeSettings {
  @PrimaryColumn('text')
  tenantId!: string;

  @Column('jsonb')
  rules!: ClassificationRule[];

  @Column('double precision')
  triageThreshold!: number;

  @Column('boolean')
  selfServiceEnabled!: boolean;

  @Column('double precision')
  selfServiceMinConfidence!: number;

  @Column('jsonb')
  selfServiceCategories!: Category[];

  @Column('timestamptz')
  updatedAt!: Date;
}
