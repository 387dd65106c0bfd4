import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class TransferRequest {
  @ApiProperty({ example: 'security' })
  @IsString()
  @Length(1, 200)
  toGroupId!: string;

  @ApiProperty({ required: false, nullable: true, example: 'agent-2' })
  @IsOptional()
  @Matches(/^[\w.@-]{1,200}$/, { message: 'toAgentId may contain letters, digits and . @ - _' })
  toAgentId?: string | null;

  @ApiProperty({ example: 'needs the fraud team' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class HandBackRequest {
  @ApiProperty({ example: 'customer needs a Cantonese speaker' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}
