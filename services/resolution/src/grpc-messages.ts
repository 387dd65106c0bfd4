import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

/** Fields every ticket action message carries (resolution.proto). */
export class TicketRef {
  @IsUUID()
  ticketId!: string;

  /** -1 (or absent) = no optimistic check. */
  @IsOptional()
  @IsInt()
  @Min(-1)
  expectedRevision?: number;
}

/** A step on one collaboration task. */
export class CollaborationRef extends TicketRef {
  @IsUUID()
  collaborationId!: string;
}

/** A decision on one pending compensation. */
export class CompensationRef extends TicketRef {
  @IsUUID()
  compensationId!: string;
}

/** proto3 has no null: an absent optional string answers as "". */
export const orEmpty = (value: string | null | undefined): string => value ?? '';
