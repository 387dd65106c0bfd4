import { Controller, Get, Header, Injectable, type NestMiddleware } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { Public } from '../auth/auth.decorators';

/** One registry per process; every service module registers its own metrics here. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

export const eventsAppended = new Counter({
  name: 'ticketing_events_appended_total',
  help: 'Events appended to the event store, by type',
  labelNames: ['type'] as const,
  registers: [metricsRegistry],
});

export const eventsConsumed = new Counter({
  name: 'ticketing_events_consumed_total',
  help: 'Events handled by consumers, by consumer and outcome',
  labelNames: ['consumer', 'outcome'] as const,
  registers: [metricsRegistry],
});

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(request: { method: string; baseUrl?: string; route?: { path?: string } }, response: { statusCode: number; on(e: string, f: () => void): void }, next: () => void): void {
    const stop = httpRequestDuration.startTimer();
    response.on('finish', () => {
      // The matched route pattern (not the raw URL) keeps label cardinality bounded.
      const route = request.route?.path ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched';
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  }
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
