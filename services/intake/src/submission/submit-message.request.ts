import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CHANNELS, CUSTOMER_TIERS, type Channel, type CustomerTier } from '@ticketing/contracts';
import { AttachmentReference } from '../opening-ticket/open-ticket.request';

/** Channels that post messages as JSON; e-mail comes in raw (POST /channels/email/inbound) or over IMAP. */
export const SUBMIT_CHANNELS = CHANNELS;

/** One customer message on any channel: opens a ticket, or threads onto the conversation's ticket. */
export class SubmitMessageRequest {
  @ApiProperty({ enum: SUBMIT_CHANNELS })
  @IsIn(SUBMIT_CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ description: "The message's id on its channel; a retry with the same id is recognised and not stored twice" })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  channelMessageId?: string;

  @ApiPropertyOptional({ description: 'Chat session / conversation id; messages of one session thread onto one ticket' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  conversationId?: string;

  @ApiProperty({ description: "The customer's handle on the channel (e-mail address, phone, app user id, social handle)" })
  @IsString()
  @Length(1, 320)
  customerHandle!: string;

  @ApiPropertyOptional({ description: 'Customer id when the caller knows it; otherwise derived from the handle' })
  @IsOptional()
  @Matches(/^[\w.@+-]{1,200}$/, { message: 'customerId may contain letters, digits and . @ + - _' })
  customerId?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_TIERS, default: 'regular' })
  @IsOptional()
  @IsIn(CUSTOMER_TIERS)
  customerTier?: CustomerTier;

  @ApiPropertyOptional({ description: 'Subject; derived from the text when absent (chat, social, hotline)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  subject?: string;

  @ApiProperty({ description: 'Message text, or the call summary/transcript for the hotline' })
  @IsString()
  @MaxLength(50_000)
  text!: string;

  @ApiPropertyOptional({ example: 'SO-10045' })
  @IsOptional()
  @Matches(/^[\w-]{1,64}$/, { message: 'orderNumber may contain letters, digits, - and _' })
  orderNumber?: string;

  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag like en or zh-CN' })
  language?: string;

  @ApiPropertyOptional({ type: [AttachmentReference], description: 'Files by reference (at most 20, each at most 25 MiB)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentReference)
  attachments?: AttachmentReference[];
}
