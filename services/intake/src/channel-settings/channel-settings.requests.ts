import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CHANNELS, type Channel } from '@ticketing/contracts';

const WEBHOOK_CHANNELS = CHANNELS.filter((c) => c !== 'email');

export class WebhookEndpointRequest {
  @ApiProperty({ enum: WEBHOOK_CHANNELS })
  @IsIn(WEBHOOK_CHANNELS)
  channel!: Exclude<Channel, 'email'>;

  @ApiProperty({ example: 'https://chat.example.com/hooks/support' })
  @IsString()
  @Length(1, 2000)
  @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http or https URL' })
  url!: string;
}

export class WebhookSettingsRequest {
  @ApiProperty({ type: [WebhookEndpointRequest], description: 'Endpoint per channel; channels not listed use the deployment default' })
  @IsArray()
  @ArrayMaxSize(WEBHOOK_CHANNELS.length)
  @ValidateNested({ each: true })
  @Type(() => WebhookEndpointRequest)
  endpoints!: WebhookEndpointRequest[];

  @ApiPropertyOptional({ description: 'HMAC signing secret (write-only; omitted = keep the current one)', minLength: 16 })
  @IsOptional()
  @IsString()
  @Length(16, 500)
  secret?: string;
}

export class SmtpSettingsRequest {
  @ApiProperty({ example: 'smtp://relay.example.com:587', description: 'Without credentials' })
  @IsString()
  @Matches(/^smtps?:\/\/[^/@\s]+$/, { message: 'url must be smtp://host:port or smtps://host:port, without credentials' })
  url!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  username?: string;

  @ApiPropertyOptional({ description: 'Write-only; omitted = keep the current one for the same relay and user' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  password?: string;

  @ApiProperty({ example: 'support@shop.example' })
  @IsEmail({ require_tld: false })
  from!: string;
}

export class MailboxSettingsRequest {
  @ApiProperty({ example: 'support' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'mailboxId must be 1-100 letters, digits, dots, dashes or underscores' })
  mailboxId!: string;

  @ApiProperty({ example: 'imaps://imap.example.com:993/INBOX', description: 'Without credentials' })
  @IsString()
  @Matches(/^imaps?:\/\/[^/@\s]+(\/\S*)?$/, { message: 'url must be imap[s]://host:port/MAILBOX, without credentials' })
  url!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  username!: string;

  @ApiPropertyOptional({ description: 'Write-only; required for a new mailbox, omitted = keep the current one' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  password?: string;
}

export class StaffAddressRequest {
  @ApiProperty({ example: 'agent-7', description: 'Agent, senior or department lead id as in the notices' })
  @IsString()
  @Length(1, 200)
  recipientId!: string;

  @ApiProperty({ example: 'jane.doe@shop.example' })
  @IsEmail({ require_tld: false })
  email!: string;
}

/** Where notices to staff (SLA warnings, breaches, escalations, overdue work) are sent. */
export class StaffNoticesRequest {
  @ApiPropertyOptional({ example: 'https://alerts.shop.example/hooks/support', nullable: true, description: "Signed with the tenant's webhook secret" })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @Matches(/^https?:\/\/\S+$/, { message: 'webhookUrl must be an http or https URL' })
  webhookUrl?: string | null;

  @ApiPropertyOptional({ example: 'support-leads@shop.example', nullable: true, description: 'Notices to every supervisor' })
  @IsOptional()
  @IsEmail({ require_tld: false })
  supervisorsEmail?: string | null;

  @ApiPropertyOptional({ type: [StaffAddressRequest], description: 'Address per person notified; mail goes there before the webhook' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => StaffAddressRequest)
  directory?: StaffAddressRequest[];
}

/** PUT body: the sections given replace the tenant's current ones; `smtp: null` goes back to the default. */
export class ChannelSettingsRequest {
  @ApiPropertyOptional({ type: WebhookSettingsRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookSettingsRequest)
  webhook?: WebhookSettingsRequest;

  @ApiPropertyOptional({ type: SmtpSettingsRequest, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SmtpSettingsRequest)
  smtp?: SmtpSettingsRequest | null;

  @ApiPropertyOptional({ type: [MailboxSettingsRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MailboxSettingsRequest)
  mailboxes?: MailboxSettingsRequest[];

  @ApiPropertyOptional({ type: StaffNoticesRequest, nullable: true, description: 'null goes back to the deployment default' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StaffNoticesRequest)
  staffNotices?: StaffNoticesRequest | null;

  @ApiPropertyOptional({ description: 'Why (kept in the settings history)' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}
