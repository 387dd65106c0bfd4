import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from '@ticketing/contracts';
import { CALLBACK_STATUSES, type CallbackStatus } from './callbacks.service';

export class CompleteCallbackRequest {
  @ApiProperty({ enum: CALLBACK_OUTCOMES })
  @IsIn(CALLBACK_OUTCOMES)
  outcome!: CallbackOutcome;

  @ApiProperty({ required: false, nullable: true, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string | null;
}

export class ListCallbacksQuery {
  @ApiProperty({ enum: CALLBACK_STATUSES, required: false })
  @IsOptional()
  @IsIn(CALLBACK_STATUSES)
  status?: CallbackStatus;

  @ApiProperty({ required: false, description: 'Only callbacks assigned to this staff member' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assignee?: string;
}
