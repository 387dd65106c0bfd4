import type { RoutingSettingsChangedData } from '@ticketing/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The tenant's current routing settings, folded from `routing-<tenantId>`. */
@Entity({ schema: 'routing', name: 'settings' })
export class RoutingSettingsRow {
  @PrimaryColumn('text')
  tenantId!: string;

  @Column('simple-json')
  settings!: RoutingSettingsChangedData;
}
