import type { PlannedAssignment } from '../assignment/plan-assignments';
import { agentBatches } from './routing-engine';

const planned = (ticketId: string, agentId: string): PlannedAssignment => ({ ticketId, agentId, groupId: 'g', reason: 'least_loaded', explanation: '' }) as unknown as PlannedAssignment;

describe('agentBatches (one agent\'s assignments booked together, in plan order)', () => {
  it('given a plan over several agents, when split with size 2, then each batch is one agent\'s, in plan order, ordered by its first assignment', () => {
    const plan = [planned('t1', 'a'), planned('t2', 'b'), planned('t3', 'a'), planned('t4', 'a'), planned('t5', 'b'), planned('t6', 'c')];
    const batches = agentBatches(plan, 2).map((b) => b.map((p) => `${p.agentId}:${p.ticketId}`));
    expect(batches).toEqual([['a:t1', 'a:t3'], ['b:t2', 'b:t5'], ['a:t4'], ['c:t6']]);
  });

  it('given an empty plan, when split, then there is no batch', () => {
    expect(agentBatches([], 5)).toEqual([]);
  });
});
