import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { CATEGORIES, SATISFACTION_SCALE, SURVEY_CHANNEL_CHOICES, type Category, type SurveyChannelChoice } from '@ticketing/contracts';

const WEEK_MINUTES = 7 * 24 * 60;

export class SurveySettingsRequest {
  @ApiProperty({ description: 'Send surveys automatically after a resolution' })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ minimum: 0, maximum: WEEK_MINUTES, description: 'Minutes after the resolution' })
  @IsInt()
  @Min(0)
  @Max(WEEK_MINUTES)
  delayMinutes!: number;

  @ApiProperty({ enum: SURVEY_CHANNEL_CHOICES, description: "`ticket`: the ticket's own channel" })
  @IsIn(SURVEY_CHANNEL_CHOICES)
  channel!: SurveyChannelChoice;

  @ApiProperty({ minimum: 0, maximum: 24 * 366, description: 'Least hours between automatic surveys to one customer (0 = no limit)' })
  @IsInt()
  @Min(0)
  @Max(24 * 366)
  minIntervalHours!: number;

  @ApiProperty({ minimum: 1, maximum: 24 * 90, description: 'Hours the customer has to answer' })
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  answerDeadlineHours!: number;

  @ApiProperty({ minimum: SATISFACTION_SCALE.min, maximum: SATISFACTION_SCALE.max - 1, description: 'Ratings at or below ask for a second service' })
  @IsInt()
  @Min(SATISFACTION_SCALE.min)
  @Max(SATISFACTION_SCALE.max - 1)
  lowRatingThreshold!: number;
}

export class CallbackSettingsRequest {
  @ApiProperty({ description: 'Schedule callbacks for complaint, complex and VIP tickets after resolution' })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ minimum: 0, maximum: WEEK_MINUTES })
  @IsInt()
  @Min(0)
  @Max(WEEK_MINUTES)
  delayMinutes!: number;

  @ApiProperty({ minimum: 1, maximum: WEEK_MINUTES, description: 'Minutes after the due time before a callback counts as missed' })
  @IsInt()
  @Min(1)
  @Max(WEEK_MINUTES)
  graceMinutes!: number;

  @ApiProperty({ enum: CATEGORIES, isArray: true, description: 'Categories whose tickets are complex (escalated tickets always are)' })
  @IsArray()
  @ArrayMaxSize(CATEGORIES.length)
  @IsIn(CATEGORIES, { each: true })
  complexCategories!: Category[];
}

export class FeedbackSettingsRequest {
  @ApiProperty({ type: SurveySettingsRequest })
  @ValidateNested()
  @Type(() => SurveySettingsRequest)
  surveys!: SurveySettingsRequest;

  @ApiProperty({ type: CallbackSettingsRequest })
  @ValidateNested()
  @Type(() => CallbackSettingsRequest)
  callbacks!: CallbackSettingsRequest;

  @ApiProperty({ example: 'surveys one day after resolution' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

/** Only the known fields, in the event's shape. */
export function settingsOf(request: FeedbackSettingsRequest): { surveys: SurveySettingsRequest; callbacks: CallbackSettingsRequest } {
  const { enabled, delayMinutes, channel, minIntervalHours, answerDeadlineHours, lowRatingThreshold } = request.surveys;
  const c = request.callbacks;
  return {
    surveys: { enabled, delayMinutes, channel, minIntervalHours, answerDeadlineHours, lowRatingThreshold },
    callbacks: { enabled: c.enabled, delayMinutes: c.delayMinutes, graceMinutes: c.graceMinutes, complexCategories: [...new Set(c.complexCategories)] },
  };
}
