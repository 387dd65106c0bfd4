import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { InputValidationError } from '@ticketing/platform';
import { DIMENSIONS, type Dimension } from './kpi-measures';
import { TIME_BUCKETS, type KpiQuery, type TimeBucket } from './kpi-query';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Dashboards ask for at most a few years; a wider range is almost certainly a typo. */
export const MAX_RANGE_DAYS = 3 * 366;

export class KpiQueryRequest {
  @ApiProperty({ example: '2025-03-01', description: 'First UTC day included' })
  @Matches(DAY, { message: 'from must be a day, YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2025-04-01', description: 'First UTC day no longer included' })
  @Matches(DAY, { message: 'to must be a day, YYYY-MM-DD' })
  to!: string;

  @ApiProperty({ enum: DIMENSIONS, required: false, default: 'all' })
  @IsIn(DIMENSIONS)
  by: Dimension = 'all';

  @ApiProperty({ enum: TIME_BUCKETS, required: false, default: 'day' })
  @IsIn(TIME_BUCKETS)
  bucket: TimeBucket = 'day';
}

/** Field-level checks class-validator cannot express: real calendar days, in order, bounded. */
export function kpiQueryFor(tenantId: string, request: { from: string; to: string; by?: string; bucket?: string }): KpiQuery {
  const problems = [];
  const from = Date.parse(`${request.from}T00:00:00.000Z`);
  const to = Date.parse(`${request.to}T00:00:00.000Z`);
  if (!DAY.test(request.from ?? '') || Number.isNaN(from) || new Date(from).toISOString().slice(0, 10) !== request.from) {
    problems.push({ field: 'from', message: 'must be a calendar day, YYYY-MM-DD' });
  }
  if (!DAY.test(request.to ?? '') || Number.isNaN(to) || new Date(to).toISOString().slice(0, 10) !== request.to) {
    problems.push({ field: 'to', message: 'must be a calendar day, YYYY-MM-DD' });
  }
  if (problems.length === 0 && to <= from) problems.push({ field: 'to', message: 'must be after from' });
  if (problems.length === 0 && to - from > MAX_RANGE_DAYS * 86_400_000) {
    problems.push({ field: 'to', message: `must be at most ${MAX_RANGE_DAYS} days after from` });
  }
  const by = (request.by || 'all') as Dimension;
  const bucket = (request.bucket || 'day') as TimeBucket;
  if (!DIMENSIONS.includes(by)) problems.push({ field: 'by', message: `must be one of ${DIMENSIONS.join(', ')}` });
  if (!TIME_BUCKETS.includes(bucket)) problems.push({ field: 'bucket', message: `must be one of ${TIME_BUCKETS.join(', ')}` });
  if (problems.length > 0) throw new InputValidationError(problems);
  return { tenantId, from: request.from, to: request.to, by, bucket };
}
