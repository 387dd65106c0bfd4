import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RoutingSettingsChanged, stampEvent, streamId, type CommandMetadata, type RoutingSettingsChangedData } from '@ticketing/contracts';
import { type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, InputValidationError, validateNewEvent, type Principal } from '@ticketing/platform';
import type { DataSource } from 'typeorm';
import { AgentRosterEntry } from '../agent-roster/agent-roster.entity';
import { assignWithinCapacity } from '../assignment/capacity-reservation';
import { chooseAgent } from '../assignment/choose-agent';
import { compareQueued } from '../assignment/queue-order';
import { agentSnapshots, RoutingEngine, toQueued } from '../engine/routing-engine';
import { loadSettings } from '../settings/routing-settings.projection';
import { groupsOf, settingsProblems, type RoutingSettings } from '../settings/routing-settings';
import { RoutingTicket } from '../tickets/routing-ticket.entity';

/** Supervisor transfer, agent hand-back and pull, and the tenant's routing settings. */
@Injectable()
export class RoutingCommandsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: RoutingEngine,
  ) {}

  /** Checked as a whole before anything is written: a bad calendar or reference stores nothing. */
  async configure(settings: RoutingSettings & { reason: string }, metadata: CommandMetadata): Promise<void> {
    // The progress-update target is optional in requests (older clients do not send it).
    const slaPolicies = Array.isArray(settings.slaPolicies)
      ? settings.slaPolicies.map((p: unknown) => (p !== null && typeof p === 'object' && !('progressUpdateMinutes' in p) ? { ...(p as object), progressUpdateMinutes: null } : p) as RoutingSettings['slaPolicies'][number])
      : settings.slaPolicies;
    const data: RoutingSettingsChangedData = { ...settings, slaPolicies, tenantId: metadata.tenantId };
    const event = stampEvent(RoutingSettingsChanged, metadata, data);
    const schemaProblems = RoutingSettingsChanged.validate(data);
    const problems = [
      ...schemaProblems.map((p: string) => ({ field: p.replace(/^data\./, '').split(' ')[0], message: p.replace(/^data\./, '') })),
      ...(schemaProblems.length ? [] : settingsProblems(settings)),
    ];
    if (problems.length > 0) throw new InputValidationError(problems);
    validateNewEvent(event);
    await this.store.appendToStream(streamId('routing', metadata.tenantId), [event], { expectedRevision: 'any' });
  }

  private async ticket(tenantId: string, ticketId: string): Promise<RoutingTicket> {
    const row = await this.dataSource.manager.findOneBy(RoutingTicket, { ticketId });
    if (!row || row.tenantId !== tenantId) throw new NotFoundException(`ticket ${ticketId} not found`);
    return row;
  }

  /** To a group (queued there) or straight to an agent who holds the group's skill. */
  async transfer(ticketId: string, request: { toGroupId: string; toAgentId?: string | null; reason: string }, metadata: CommandMetadata): Promise<{ ticketId: string; groupId: string; agentId: string | null }> {
    await this.ticket(metadata.tenantId, ticketId);
    const settings = await loadSettings(this.dataSource.manager, metadata.tenantId);
    const group = groupsOf(settings).get(request.toGroupId);
    if (!group) throw new InputValidationError([{ field: 'toGroupId', message: `unknown group ${request.toGroupId}` }]);
    const toAgentId = request.toAgentId ?? null;
    if (toAgentId !== null) {
      const agent = await this.dataSource.manager.findOneBy(AgentRosterEntry, { tenantId: metadata.tenantId, agentId: toAgentId });
      if (!agent) throw new InputValidationError([{ field: 'toAgentId', message: `unknown agent ${toAgentId}` }]);
      if (!group.openToAll && agent.skillLevels[group.groupId] === undefined) {
        throw new InputValidationError([{ field: 'toAgentId', message: `agent ${toAgentId} does not have the skill ${group.groupId}` }]);
      }
    }
    const by = `${metadata.actor.kind} ${metadata.actor.id}`;
    await this.engine.onTicket(metadata.tenantId, ticketId, (ticket, m) => [
      { type: 'TransferTicket', ticketId, metadata: { ...m, actor: metadata.actor, correlationId: metadata.correlationId }, data: { toGroupId: group.groupId, toAgentId, reason: `${request.reason} (transferred by ${by})` } },
    ]);
    return { ticketId, groupId: group.groupId, agentId: toAgentId };
  }

  /** The assignee gives the ticket back to its queue, saying why. */
  async handBack(ticketId: string, reason: string, principal: Principal, metadata: CommandMetadata): Promise<void> {
    const row = await this.ticket(metadata.tenantId, ticketId);
    if (principal.role === 'agent' && row.assigneeId !== principal.actor.id) throw new ForbiddenException('only the assigned agent may hand a ticket back');
    const asActor = (m: CommandMetadata) => ({ ...m, actor: metadata.actor, correlationId: metadata.correlationId });
    await this.engine.onTicket(metadata.tenantId, ticketId, (ticket, m) =>
      ticket.assigneeId === null || ticket.groupId === null
        ? []
        : [
            { type: 'UnassignTicket', ticketId, metadata: asActor(m), data: { reason: 'manual' } },
            { type: 'QueueTicket', ticketId, metadata: asActor(m), data: { groupId: ticket.groupId, requiredSkills: ticket.requiredSkills, reason: `handed back by ${ticket.assigneeId}: ${reason}` } },
          ],
    );
  }

  /** Manual pull: the calling agent takes the first ticket of the group's queue they may work. */
  async pull(groupId: string, principal: Principal, metadata: CommandMetadata): Promise<{ ticketId: string | null }> {
    const settings = await loadSettings(this.dataSource.manager, metadata.tenantId);
    const group = groupsOf(settings).get(groupId);
    if (!group) throw new NotFoundException(`group ${groupId} not found`);
    const me = (await agentSnapshots(this.dataSource.manager, metadata.tenantId)).find((a) => a.agentId === principal.actor.id);
    if (!me) throw new ForbiddenException(`${principal.actor.id} is not a registered agent`);
    const rows = await this.dataSource.manager.find(RoutingTicket, { where: { tenantId: metadata.tenantId, state: 'queued', groupId } });
    for (const t of rows.map((r) => toQueued(r, settings)).sort(compareQueued)) {
      // Same eligibility as automatic assignment, applied to the one agent pulling.
      const choice = chooseAgent(t, { ...group, strategy: 'round_robin' }, [{ ...me, presence: 'online' }]);
      if (choice.agentId === null) continue;
      // Booked under the agent's lock: a dispatch round racing this pull cannot overbook them.
      const booked = await assignWithinCapacity(this.dataSource, { tenantId: metadata.tenantId, agentId: me.agentId, ticketId: t.ticketId, channel: t.channel }, Date.parse(metadata.now), () =>
        this.engine.onTicket(metadata.tenantId, t.ticketId, (ticket, m) =>
          ticket.assigneeId === null
            ? [{ type: 'AssignTicket', ticketId: t.ticketId, metadata: { ...m, actor: metadata.actor }, data: { agentId: me.agentId, groupId, reason: 'manual', explanation: `pulled from ${groupId} by ${me.agentId}` } }]
            : [],
        ),
      );
      if (booked) return { ticketId: t.ticketId };
    }
    return { ticketId: null };
  }
}
