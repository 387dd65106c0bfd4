import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CHANNELS, CUSTOMER_TIERS, type Channel, type CustomerTier } from '@ticketing/contracts';

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export class AttachmentReference {
  @ApiProperty({ example: 'https://files.shop.example/a/123.jpg' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https', 's3'] })
  url!: string;

  @ApiProperty({ example: 'photo.jpg' })
  @IsString()
  @Length(1, 255)
  filename!: string;

  @ApiProperty({ example: 'image/jpeg' })
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'contentType must be a MIME type like image/jpeg' })
  contentType!: string;

  @ApiProperty({ example: 20480, maximum: MAX_ATTACHMENT_BYTES })
  @IsInt()
  @Min(0)
  @Max(MAX_ATTACHMENT_BYTES, { message: `sizeBytes must not exceed ${MAX_ATTACHMENT_BYTES} (25 MiB)` })
  sizeBytes!: number;
}

/** A customer contact on any channel that becomes a ticket. */
export class OpenTicketRequest {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ description: 'The message id on its channel (Message-ID, chat message id); retries with the same id return the same ticket' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  channelMessageId?: string;

  @ApiProperty({ description: "The customer's handle on that channel (email address, phone, app user id, social handle)" })
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

  @ApiProperty({ example: 'Where is my order?' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  subject!: string;

  @ApiProperty({ example: 'I ordered a kettle last week and it has not arrived.' })
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

  @ApiPropertyOptional({ type: [AttachmentReference] })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentReference)
  attachments?: AttachmentReference[];
}
