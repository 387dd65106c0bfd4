import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CATEGORIES, MACRO_STATUSES, RESOLUTION_CODES, type Category, type MacroStatus, type ResolutionCode } from '@ticketing/contracts';

export class SaveMacroRequest {
  @ApiProperty({ example: 'Parcel delayed' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Your order {{ticket.orderNumber}} is delayed at {{order.carrier}}.' })
  @IsString()
  @Length(1, 20_000)
  body!: string;

  @ApiPropertyOptional({ enum: MACRO_STATUSES, nullable: true })
  @IsOptional()
  @IsIn(MACRO_STATUSES)
  setStatus?: MacroStatus | null;

  @ApiPropertyOptional({ enum: RESOLUTION_CODES, nullable: true })
  @IsOptional()
  @IsIn(RESOLUTION_CODES)
  resolutionCode?: ResolutionCode | null;

  @ApiPropertyOptional({ example: ['delay'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(/^[\w:.-]{1,64}$/, { each: true, message: 'each tag is 1-64 letters, digits, _ : . -' })
  addTags?: string[];

  @ApiPropertyOptional({ enum: CATEGORIES, nullable: true })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category | null;

  @ApiPropertyOptional({ example: 'New carrier wording' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export const MACRO_ID = /^[\w.-]{1,100}$/;
