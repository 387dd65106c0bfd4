import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { OpenTicketRequest } from '../opening-ticket/open-ticket.request';

/**
 * One customer message on any channel: opens a ticket, or threads onto the conversation's ticket.
 * The fields of opening a ticket, with the subject optional (chat, social and hotline have none)
 * and the conversation the message belongs to.
 */
export class SubmitMessageRequest extends OmitType(OpenTicketRequest, ['subject'] as const) {
  @ApiPropertyOptional({ description: 'Chat session / conversation id; messages of one session thread onto one ticket' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  conversationId?: string;

  @ApiPropertyOptional({ description: 'Subject; derived from the text when absent (chat, social, hotline)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  subject?: string;
}
