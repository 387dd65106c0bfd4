import { DurableTimerRow, DurableTimers } from '@ticketing/platform';
import { Entity, Index } from 'typeorm';

export const TIMER_KINDS = ['route', 'dispatch', 'sla_warning', 'sla_breach', 'sla_reanchor', 'next_response', 'progress_update', 'sla_retarget', 'escalate', 'hand_back'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/**
 * Routing's durable timers: the shared DurableTimerRow columns in `routing.timers`, the same table,
 * columns, key format (`<kind>:<subject>[:<target>]`) and index routing's own timer code used
 * before it moved to the platform library, so a running deployment's pending timers carry over
 * unchanged (see durable-timers.int.spec.ts, "upgrade"). Projections write them in the same
 * transaction as the event that caused them; the RoutingEngine's scheduler fires them.
 */
@Entity({ schema: 'routing', name: 'timers' })
@Index(['dueAt'])
export class RoutingTimer extends DurableTimerRow {}

export const routingTimers = new DurableTimers<TimerKind>('routing');
