import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class CollaborationRequest {
  @ApiProperty({ example: 'warehouse', description: "One of the tenant's departments (GET /resolution-settings)" })
  @IsString()
  @Length(1, 100)
  department!: string;

  @ApiProperty({ example: 'Was SO-1001 scanned out on Monday?' })
  @IsString()
  @Length(1, 10_000)
  question!: string;

  @ApiPropertyOptional({ example: '2030-01-02T12:00:00Z', description: "Own due time; default: the department's" })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;
}

export class CollaborationCommentRequest {
  @ApiProperty({ example: 'Checking the scan logs.' })
  @IsString()
  @Length(1, 10_000)
  text!: string;
}

export class CollaborationCompleteRequest {
  @ApiProperty({ example: 'Scanned out Monday 14:02, handed to DHL.' })
  @IsString()
  @Length(1, 10_000)
  outcome!: string;
}

export class CollaborationDeclineRequest {
  @ApiProperty({ example: 'Not shipped from our warehouse; ask the merchant.' })
  @IsString()
  @Length(1, 5_000)
  reason!: string;
}
