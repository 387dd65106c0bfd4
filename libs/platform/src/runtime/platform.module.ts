import { Global, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { EventStore } from '@ticketing/eventstore';
import { ProcessedEvent, type EventBus } from '@ticketing/messaging';
import { AuthGuard } from '../auth/auth.guard';
import { Authenticator } from '../auth/authenticator';
import type { PlatformConfig } from '../config/config';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { HealthController } from '../observability/health.controller';
import { loggerParams } from '../observability/logging';
import { HttpMetricsMiddleware, MetricsController } from '../observability/metrics';
import { initializeReadModels, readModelDataSourceOptions } from './read-model-datasource';
import { EVENT_BUS, EVENT_STORE, PLATFORM_CONFIG } from './tokens';

export interface PlatformRuntime {
  config: PlatformConfig;
  store: EventStore;
  bus: EventBus;
}

/**
 * Everything a service needs from the platform, wired once per process: config, event store, bus,
 * read-model DataSource, auth guard, problem+json errors, JSON logs, health and metrics.
 * The store and bus are created outside Nest (see createRuntime) so ticketctl commands share them.
 */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(runtime: PlatformRuntime): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot(loggerParams(runtime.config)),
        TerminusModule,
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...readModelDataSourceOptions(runtime.config.readModels),
            entities: [ProcessedEvent],
            autoLoadEntities: true,
          }),
          // Our own factory (not synchronize: true) so service schemas exist before their tables.
          dataSourceFactory: async (options) => initializeReadModels(options!),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: runtime.config },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: EVENT_BUS, useValue: runtime.bus },
        { provide: Authenticator, useValue: new Authenticator(runtime.config) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [PLATFORM_CONFIG, EVENT_STORE, EVENT_BUS, Authenticator],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
