import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CATEGORIES, CHANNELS, CUSTOMER_TIERS, type Category, type Channel, type CustomerTier } from '@ticketing/contracts';

export class SelfServiceSettingsRequest {
  @ApiProperty()
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ minimum: 0, maximum: 1, description: "Offer only answers knowledge is at least this sure of" })
  @IsNumber()
  @Min(0)
  @Max(1)
  minConfidence!: number;

  @ApiProperty({ enum: CATEGORIES, isArray: true, description: 'Categories for which an answer may be offered' })
  @IsArray()
  @ArrayMaxSize(CATEGORIES.length)
  @IsIn(CATEGORIES, { each: true })
  categories!: Category[];
}

/** PUT body: the fields given replace the tenant's current ones. Rules are checked by ruleProblems. */
export class IntakeSettingsRequest {
  @ApiPropertyOptional({ description: 'Ordered rules: {name, when:{channels,customerTiers,subjectContains,textContains}, then:{category,priority,complaint,tags}}' })
  @IsOptional()
  rules?: unknown;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Below this model confidence the ticket goes to human triage' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  triageThreshold?: number;

  @ApiPropertyOptional({ type: SelfServiceSettingsRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => SelfServiceSettingsRequest)
  selfService?: SelfServiceSettingsRequest;

  @ApiPropertyOptional({
    description:
      "The tenant's taxonomy (replaces the current one): {disabledCategories: Category[] (never predicted; not `other`), categoryLabels: {category: {locale: label}}, " +
      'priorityLabels: {priority: {locale: label}}, subcategories: [{slug, category, labels: {locale: label}, keywords?: string[], priority?: Priority|null}]}',
    example: {
      disabledCategories: ['presale_inquiry'],
      categoryLabels: { logistics: { 'zh-CN': '快递物流', en: 'Shipping' } },
      priorityLabels: { urgent: { 'zh-CN': '加急' } },
      subcategories: [{ slug: 'lost-parcel', category: 'logistics', labels: { 'zh-CN': '包裹丢失', en: 'Lost parcel' }, keywords: ['丢件', 'lost parcel'], priority: 'high' }],
    },
  })
  @IsOptional()
  taxonomy?: unknown;

  @ApiPropertyOptional({ description: 'Why (kept in the settings history)' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class ClassifyTextRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  subject?: string;

  @ApiProperty()
  @IsString()
  @MaxLength(50_000)
  text!: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ enum: CUSTOMER_TIERS })
  @IsOptional()
  @IsIn(CUSTOMER_TIERS)
  customerTier?: CustomerTier;
}
