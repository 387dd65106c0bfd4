import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { RESOLUTION_CODES, type ResolutionCode } from '@ticketing/contracts';

export class ResolveRequest {
  @ApiProperty({ enum: RESOLUTION_CODES })
  @IsIn(RESOLUTION_CODES)
  resolutionCode!: ResolutionCode;

  @ApiProperty({ example: 'Tracking shared; parcel delivered next day.' })
  @IsString()
  @Length(1, 5_000)
  summary!: string;

  @ApiPropertyOptional({ description: 'Supervisor only: resolve although collaborations are still open' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export const REOPEN_REQUEST_REASONS = ['customer_request', 'agent_request', 'quality_review'] as const;

export class ReopenRequest {
  @ApiProperty({ enum: REOPEN_REQUEST_REASONS })
  @IsIn(REOPEN_REQUEST_REASONS)
  reason!: (typeof REOPEN_REQUEST_REASONS)[number];

  @ApiPropertyOptional({ example: 'The replacement is broken too.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export const MANUAL_CLOSE_REASONS = ['manual', 'spam', 'duplicate'] as const;

export class CloseRequest {
  @ApiProperty({ enum: MANUAL_CLOSE_REASONS })
  @IsIn(MANUAL_CLOSE_REASONS)
  reason!: (typeof MANUAL_CLOSE_REASONS)[number];
}

export class MergeRequest {
  @ApiProperty({ description: 'The ticket that lives on; this one is merged into it' })
  @IsUUID()
  targetTicketId!: string;

  @ApiProperty({ example: 'Same parcel, second channel' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
