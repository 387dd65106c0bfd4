import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import {
  AUTHORITY_LEVELS,
  COMPENSATION_KINDS,
  DEPARTMENTS,
  type AuthorityLevel,
  type CompensationKind,
  type Department,
} from '@ticketing/contracts';

const MAX_MINUTES = 32 * 7 * 24 * 60;

export class DepartmentSettingRequest {
  @ApiProperty({ enum: DEPARTMENTS })
  @IsIn(DEPARTMENTS)
  department!: Department;

  @ApiProperty({ example: 'Warehouse Shenzhen' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 1440 })
  @IsInt()
  @Min(1)
  @Max(8 * 7 * 24 * 60)
  defaultDueMinutes!: number;

  @ApiProperty({ nullable: true, example: 'wh-lead' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  escalationContact?: string | null;

  @ApiProperty({ example: ['wh-7'] })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  members?: string[];
}

export class AuthorityLimitRequest {
  @ApiProperty({ enum: AUTHORITY_LEVELS })
  @IsIn(AUTHORITY_LEVELS)
  level!: AuthorityLevel;

  @ApiProperty({ enum: COMPENSATION_KINDS })
  @IsIn(COMPENSATION_KINDS)
  kind!: CompensationKind;

  @ApiProperty({ example: 2000, description: 'Per ticket, minor units (points for points)' })
  @IsInt()
  @Min(0)
  limit!: number;
}

export class ResolutionSettingsRequest {
  @ApiProperty({ type: [DepartmentSettingRequest] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DepartmentSettingRequest)
  departments!: DepartmentSettingRequest[];

  @ApiProperty({ type: [AuthorityLimitRequest] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AuthorityLimitRequest)
  compensationLimits!: AuthorityLimitRequest[];

  @ApiProperty({ example: 10080 })
  @IsInt()
  @Min(0)
  @Max(MAX_MINUTES)
  reopenWindowMinutes!: number;

  @ApiProperty({ example: 4320, description: 'Quiet period after which resolved tickets close' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  autoCloseAfterMinutes!: number;

  @ApiProperty({ example: 'Q3 budget' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
