import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Routing's view of agents: who can take work now, and how much they hold. */
@Entity({ schema: 'routing', name: 'agent_roster' })
@Index(['tenantId', 'presence'])
export class AgentRosterEntry {
  @PrimaryColumn('text')
  tenantId!: string;

  @PrimaryColumn('text')
  agentId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  presence!: string;

  @Column('simple-json')
  skills!: string[];

  @Column('simple-json')
  languages!: string[];

  @Column('integer')
  capacity!: number;

  @Column('integer', { default: 0 })
  openTickets!: number;

  /** When the agent last got a ticket: the round-robin tie-breaker among equally loaded agents. */
  @Column('timestamptz', { nullable: true })
  lastAssignedAt!: Date | null;
}
