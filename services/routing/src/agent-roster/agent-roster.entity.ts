import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Routing's view of agents: skills, languages, seniority, capacity per channel and presence.
 * Load is not stored here: it is counted from routing.tickets, the one place assignments live. */
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

  @Column('timestamptz', { nullable: true })
  presenceSince!: Date | null;

  /** groupId → level 1..5. */
  @Column('simple-json')
  skillLevels!: Record<string, number>;

  @Column('simple-json')
  languages!: string[];

  @Column('integer', { default: 2 })
  seniority!: number;

  /** channel → capacity; channels not listed use `capacity`. */
  @Column('simple-json')
  channelCapacity!: Record<string, number>;

  @Column('integer')
  capacity!: number;

  /** When the agent last got a ticket: the round-robin order. */
  @Column('timestamptz', { nullable: true })
  lastAssignedAt!: Date | null;
}
