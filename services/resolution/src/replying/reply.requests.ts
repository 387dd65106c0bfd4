import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { RESOLUTION_CODES, type ResolutionCode } from '@ticketing/contracts';

export class ReplyRequest {
  @ApiProperty({ example: 'Your parcel left our warehouse today; tracking: 1Z999.' })
  @IsString()
  @Length(1, 20_000)
  text!: string;

  @ApiPropertyOptional({ description: 'Knowledge-base articles used in the answer' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  articleIds?: string[];
}

export class NoteRequest {
  @ApiProperty({ example: '@agent-2 can you check the warehouse scan?' })
  @IsString()
  @Length(1, 20_000)
  text!: string;
}

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

/** @mentions in a note: `@agent-2` -> agent-2. */
export function mentionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/(?:^|\s)@([\w.-]{1,200})/g)].map((m) => m[1]))];
}

export const IF_MATCH = /^(?:W\/)?"?(\d+)"?$/;
