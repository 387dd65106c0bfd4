import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ClassificationRule } from '@ticketing/classifier';
import type { Category, TaxonomyData } from '@ticketing/contracts';

/**
 * A tenant's classification rules and self-service settings: the read model of its
 * `classification-<tenantId>` stream (ClassificationSettingsChanged), rebuilt by replaying it.
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

  /** The tenant's taxonomy; null: the default one (rows written before taxonomies existed). */
  @Column('jsonb', { nullable: true })
  taxonomy!: TaxonomyData | null;

  @Column('timestamptz')
  updatedAt!: Date;

  /** Stream revision of the change this row reflects (-1: never changed, the defaults). */
  @Column('integer', { default: -1 })
  revision!: number;

  /** `kind:id` of who made the latest change. */
  @Column('text', { nullable: true })
  updatedBy!: string | null;
}
