import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { AGENT_PRESENCES, type AgentPresence } from '@ticketing/contracts';

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
}

export class SetPresenceRequest {
  @ApiProperty({ enum: AGENT_PRESENCES })
  @IsIn(AGENT_PRESENCES)
  presence!: AgentPresence;
}
