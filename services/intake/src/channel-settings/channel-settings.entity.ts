import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChannelSettingsValues } from './channel-settings.decider';

/**
 * A tenant's channel settings: the read model of its `channels-<tenantId>` stream, rebuilt by
 * replaying it. Secrets are kept sealed, as in the events; only the worker and poller open them.
 */
@Entity({ schema: 'intake', name: 'tenant_channels' })
export class TenantChannels {
  @PrimaryColumn('text')
  tenantId!: string;

  @Column('jsonb')
  settings!: ChannelSettingsValues;

  @Column('integer')
  revision!: number;

  @Column('timestamptz')
  updatedAt!: Date;

  @Column('text')
  updatedBy!: string;
}
