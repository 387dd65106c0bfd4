import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { CHANNELS, SATISFACTION_SCALE, type Channel } from '@ticketing/contracts';

const { min, max } = SATISFACTION_SCALE;
const onScale = (field: string) => ({ message: `${field} must be a whole number from ${min} to ${max}` });

export class DimensionRatings {
  @ApiProperty({ required: false, minimum: min, maximum: max })
  @IsOptional()
  @IsInt(onScale('attitude'))
  @Min(min, onScale('attitude'))
  @Max(max, onScale('attitude'))
  attitude?: number;

  @ApiProperty({ required: false, minimum: min, maximum: max })
  @IsOptional()
  @IsInt(onScale('responseSpeed'))
  @Min(min, onScale('responseSpeed'))
  @Max(max, onScale('responseSpeed'))
  responseSpeed?: number;

  @ApiProperty({ required: false, minimum: min, maximum: max })
  @IsOptional()
  @IsInt(onScale('problemSolved'))
  @Min(min, onScale('problemSolved'))
  @Max(max, onScale('problemSolved'))
  problemSolved?: number;

  @ApiProperty({ required: false, minimum: min, maximum: max })
  @IsOptional()
  @IsInt(onScale('expertise'))
  @Min(min, onScale('expertise'))
  @Max(max, onScale('expertise'))
  expertise?: number;
}

export class SurveyAnswerRequest {
  @ApiProperty({ minimum: min, maximum: max, description: 'Overall satisfaction' })
  @IsInt(onScale('rating'))
  @Min(min, onScale('rating'))
  @Max(max, onScale('rating'))
  rating!: number;

  @ApiProperty({ required: false, type: DimensionRatings })
  @IsOptional()
  @ValidateNested()
  @Type(() => DimensionRatings)
  dimensions?: DimensionRatings;

  @ApiProperty({ required: false, maxLength: 10_000 })
  @IsOptional()
  @IsString()
  @Length(0, 10_000)
  comment?: string;
}

export class LinkAnswerRequest extends SurveyAnswerRequest {
  @ApiProperty({ description: 'The token of the signed survey link' })
  @IsString()
  @Length(1, 2_000)
  token!: string;
}

export class ChannelAnswerRequest extends SurveyAnswerRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  surveyId!: string;
}

export class SendSurveyRequest {
  @ApiProperty({ required: false, enum: CHANNELS, description: "Defaults to the ticket's channel" })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}

export function answerOf(request: SurveyAnswerRequest) {
  const d = request.dimensions ?? {};
  return {
    rating: request.rating,
    comment: request.comment?.trim() ? request.comment.trim() : null,
    dimensions: {
      attitude: d.attitude ?? null,
      responseSpeed: d.responseSpeed ?? null,
      problemSolved: d.problemSolved ?? null,
      expertise: d.expertise ?? null,
    },
  };
}
