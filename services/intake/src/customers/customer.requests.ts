import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { CUSTOMER_IDENTITY_KINDS, CUSTOMER_TIERS, type CustomerIdentityKind, type CustomerTier } from '@ticketing/contracts';

export const CUSTOMER_ID_PATTERN = /^[\w.@+-]{1,200}$/;
export const CUSTOMER_ID_MESSAGE = 'customerId may contain letters, digits and . @ + - _ (at most 200)';

/** An identity as a caller gives it; normalised (and refused naming `value`/`network`) by the service. */
export class LinkIdentityRequest {
  @ApiProperty({ enum: CUSTOMER_IDENTITY_KINDS })
  @IsIn(CUSTOMER_IDENTITY_KINDS)
  kind!: CustomerIdentityKind;

  @ApiPropertyOptional({ description: 'The social network (wechat, weibo, instagram, …); only for kind social', example: 'wechat' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  network?: string;

  @ApiProperty({ description: 'E-mail address, phone number, app user id or social handle', example: 'li.wei@example.com' })
  @IsString()
  @Length(1, 320)
  value!: string;

  @ApiPropertyOptional({ description: 'Why, for the audit trail', example: 'Customer confirmed on the phone' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  reason?: string;
}

/**
 * A customer record as an upstream CRM pushes it, as often as it likes: an absent field keeps its
 * value, null clears it, and a push that changes nothing writes nothing.
 */
export class UpsertCustomerRequest {
  @ApiPropertyOptional({ nullable: true, description: "The customer's id in the CRM or shop", example: 'crm-10045' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Matches(/^[\w.@:+-]{1,200}$/, { message: 'externalId may contain letters, digits and . @ : + - _ (at most 200)' })
  externalId?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Li Wei' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'zh-CN' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag like en or zh-CN' })
  language?: string | null;

  @ApiPropertyOptional({ enum: CUSTOMER_TIERS })
  @IsOptional()
  @IsIn(CUSTOMER_TIERS)
  tier?: CustomerTier;

  @ApiPropertyOptional({ type: [LinkIdentityRequest], description: 'Identities to link (moved here if another customer has them)' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LinkIdentityRequest)
  identities?: LinkIdentityRequest[];

  @ApiPropertyOptional({ description: 'Why, for the audit trail', example: 'CRM sync' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  reason?: string;
}
