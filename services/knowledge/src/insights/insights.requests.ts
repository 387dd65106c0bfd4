import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsNumber, IsOptional, Max, Min } from 'class-validator';

export class PeriodQuery {
  @ApiPropertyOptional({ description: 'Period start (ISO-8601); default: `to` minus 7 days', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 timestamp' })
  from?: string;

  @ApiPropertyOptional({ description: 'Period end, exclusive (ISO-8601); default: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 timestamp' })
  to?: string;
}

export class ProblemsQuery extends PeriodQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 2, maximum: 1000, default: 2, description: 'Tickets a group needs to count as a problem' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  minCount?: number;
}

export class LearnRequest extends PeriodQuery {
  @ApiPropertyOptional({ minimum: 2, maximum: 1000, default: 5, description: 'Resolved tickets of one problem needed to propose a draft' })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(1000)
  minFrequency?: number;
}

export class WeakArticlesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  minVotes?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.5 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  maxHelpfulRatio?: number;

  @ApiPropertyOptional({ minimum: 2, maximum: 1000, default: 3, description: 'Resolved tickets for an unanswered problem to be listed' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  minFrequency?: number;
}

export class SuggestionsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}
