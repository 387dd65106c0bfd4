import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { COMPENSATION_KINDS, type CompensationKind } from '@ticketing/contracts';

export class ProposeCompensationRequest {
  @ApiProperty({ enum: COMPENSATION_KINDS })
  @IsIn(COMPENSATION_KINDS)
  kind!: CompensationKind;

  @ApiProperty({ example: 1500, description: 'Minor units (cents); for points, the number of points' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amount!: number;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO-4217; omit for points' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO-4217 code' })
  currency?: string;

  @ApiProperty({ example: 'Parcel arrived a week late' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class CompensationDecisionRequest {
  @ApiProperty({ example: 'Second late delivery this month' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
