import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { EventStore } from '@ticketing/eventstore';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { EVENT_STORE } from '../runtime/tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: DataSource,
  ) {}

  /** Liveness: the process answers. Never depends on downstreams, so a DB outage doesn't restart pods. */
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Readiness: the event store and the read-model database answer. */
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.probe('eventStore', () => this.store.readStream('health-probe', { maxCount: 1 })),
      () => this.probe('readModels', () => this.readModels.query('SELECT 1')),
    ]);
  }

  private async probe(key: string, check: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    try {
      await check();
      return { [key]: { status: 'up' } };
    } catch (error) {
      return { [key]: { status: 'down', message: (error as Error).message } };
    }
  }
}
