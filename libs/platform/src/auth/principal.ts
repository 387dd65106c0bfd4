import type { Actor, ActorKind } from '@ticketing/contracts';
import type { Role } from '../config/config';

/** Who is calling: every command and query is scoped to `tenantId` and checked against `role`. */
export interface Principal {
  tenantId: string;
  role: Role;
  actor: Actor;
}

const ACTOR_KIND_BY_ROLE: Record<Role, ActorKind> = {
  customer: 'customer',
  agent: 'agent',
  supervisor: 'supervisor',
  manager: 'supervisor',
  admin: 'supervisor',
  analyst: 'service',
};

export function principalOf(tenantId: string, role: Role, actorId: string): Principal {
  return { tenantId, role, actor: { kind: ACTOR_KIND_BY_ROLE[role], id: actorId } };
}
