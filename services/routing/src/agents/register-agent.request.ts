import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AGENT_PRESENCES, CHANNELS, type AgentPresence, type Channel } from '@ticketing/contracts';

export class RegisterAgentRequest {
  @ApiProperty({ example: 'agent-1' })
  @Matches(/^[\w.@-]{1,200}$/, { message: 'agentId may contain letters, digits and . @ - _' })
  agentId!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: ['general', 'logistics'] })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  skills!: string[];

  @ApiProperty({ example: ['en', 'zh-CN'] })
  @ArrayMaxSize(50)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { each: true, message: 'languages must be BCP 47 tags like en or zh-CN' })
  languages!: string[];

  @ApiProperty({ example: 20, minimum: 0, maximum: 1000 })
  @IsInt()
  @Min(0, { message: 'capacity must not be below zero' })
  @Max(1000)
  capacity!: number;

  @ApiProperty({ required: false, minimum: 1, maximum: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  seniority?: number;

  @ApiProperty({ required: false, type: () => [SkillLevelRequest] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SkillLevelRequest)
  skillLevels?: SkillLevelRequest[];

  @ApiProperty({ required: false, type: () => [ChannelCapacityRequest] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChannelCapacityRequest)
  channelCapacity?: ChannelCapacityRequest[];
}

export class SetPresenceRequest {
  @ApiProperty({ enum: AGENT_PRESENCES })
  @IsIn(AGENT_PRESENCES)
  presence!: AgentPresence;
}

export class SkillLevelRequest {
  @ApiProperty({ example: 'refunds' })
  @IsString()
  @Length(1, 200)
  groupId!: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  level!: number;
}

export class ChannelCapacityRequest {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0, { message: 'capacity must not be below zero' })
  @Max(1000)
  capacity!: number;
}

/** Skill levels, seniority and per-channel capacity (PUT /agents/:id/profile). */
export class AgentProfileRequest {
  @ApiProperty({ type: [SkillLevelRequest] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SkillLevelRequest)
  skillLevels!: SkillLevelRequest[];

  @ApiProperty({ example: ['en'] })
  @ArrayMaxSize(50)
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { each: true, message: 'languages must be BCP 47 tags like en or zh-CN' })
  languages!: string[];

  @ApiProperty({ minimum: 1, maximum: 3, description: '1 junior, 2 regular, 3 senior' })
  @IsInt()
  @Min(1)
  @Max(3)
  seniority!: number;

  @ApiProperty({ type: [ChannelCapacityRequest] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChannelCapacityRequest)
  channelCapacity!: ChannelCapacityRequest[];

  @ApiProperty({ minimum: 0, description: 'Capacity on channels not listed' })
  @IsInt()
  @Min(0, { message: 'capacity must not be below zero' })
  @Max(1000)
  capacity!: number;

  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
