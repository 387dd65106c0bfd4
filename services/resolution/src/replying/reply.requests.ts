import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';

export class ReplyRequest {
  @ApiPropertyOptional({ example: 'Your parcel left our warehouse today; tracking: 1Z999.', description: 'Required unless macroId is given' })
  @ValidateIf((r: ReplyRequest) => r.macroId === undefined || r.text !== undefined)
  @IsString()
  @Length(1, 20_000)
  text?: string;

  @ApiPropertyOptional({ example: 'default.logistics-tracking', description: 'Reply with a macro: fills its template and applies its status, tags and category in one step' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  macroId?: string;

  @ApiPropertyOptional({ example: { carrier: 'DHL', trackingNumber: '1Z999' }, description: 'Order fields for the macro (`{{order.<name>}}`)' })
  @IsOptional()
  @IsObject()
  fields?: Record<string, string>;

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

export class InfoRequest {
  @ApiProperty({ example: 'Could you send a photo of the label?' })
  @IsString()
  @Length(1, 20_000)
  text!: string;

  @ApiPropertyOptional({ example: ['photo'], description: 'What the customer should provide' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  requestedFields?: string[];
}

export class ProgressUpdateRequest {
  @ApiProperty({ example: 'The warehouse is checking your parcel; expect news by Friday.' })
  @IsString()
  @Length(1, 20_000)
  text!: string;

  @ApiPropertyOptional({ example: '2030-01-03T17:00:00Z', description: 'When we now expect to resolve it (must be in the future)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expectedResolutionAt?: string;
}

const TAG = /^[\w:.-]{1,64}$/;

export class TagsRequest {
  @ApiPropertyOptional({ example: ['late-delivery'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: 'each tag is 1-64 letters, digits, _ : . -' })
  add?: string[];

  @ApiPropertyOptional({ example: [] })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: 'each tag is 1-64 letters, digits, _ : . -' })
  remove?: string[];
}

/** @mentions in a note: `@agent-2` -> agent-2. */
export function mentionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/(?:^|\s)@([\w.-]{1,200})/g)].map((m) => m[1]))];
}
