import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

const CRITERION_ID = /^[a-z][a-z0-9_]{0,99}$/;

export class QaCriterionRequest {
  @ApiProperty({ example: 'attitude' })
  @Matches(CRITERION_ID, { message: 'criterionId must be lower-case letters, digits and _ (starting with a letter)' })
  criterionId!: string;

  @ApiProperty({ example: 'Service attitude' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  weight!: number;
}

export class QaScorecardRequest {
  @ApiProperty({ type: [QaCriterionRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QaCriterionRequest)
  criteria!: QaCriterionRequest[];

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent of resolved tickets sampled at random' })
  @IsInt()
  @Min(0)
  @Max(100)
  samplingPercent!: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Average score below which an agent is flagged for coaching' })
  @IsInt()
  @Min(0)
  @Max(100)
  coachingThreshold!: number;

  @ApiProperty({ minimum: 1, maximum: 366 })
  @IsInt()
  @Min(1)
  @Max(366)
  coachingPeriodDays!: number;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  coachingMinReviews!: number;

  @ApiProperty({ example: 'weights agreed with the team leads' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class QaScoreRequest {
  @ApiProperty({ example: 'attitude' })
  @IsString()
  @Length(1, 100)
  criterionId!: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt({ message: 'score must be a whole number from 1 to 5' })
  @Min(1, { message: 'score must be a whole number from 1 to 5' })
  @Max(5, { message: 'score must be a whole number from 1 to 5' })
  score!: number;
}

export class QaReviewRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  ticketId!: string;

  @ApiProperty({ type: [QaScoreRequest] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QaScoreRequest)
  scores!: QaScoreRequest[];

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  comment?: string | null;
}

export class QaSampleQuery {
  @ApiProperty({ required: false, description: 'true: reviewed only; false: awaiting review' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  reviewed?: boolean;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  agentId?: string;
}

export const scorecardOf = (r: QaScorecardRequest) => ({
  criteria: r.criteria.map(({ criterionId, name, weight }) => ({ criterionId, name, weight })),
  samplingPercent: r.samplingPercent,
  coachingThreshold: r.coachingThreshold,
  coachingPeriodDays: r.coachingPeriodDays,
  coachingMinReviews: r.coachingMinReviews,
});
