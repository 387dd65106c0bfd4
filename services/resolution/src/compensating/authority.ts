import type { AuthorityLevel } from '@ticketing/contracts';
import type { Role } from '@ticketing/platform';

/** The caller's compensation authority comes from their role: agent → supervisor → manager (admins are managers too). */
export function authorityOfRole(role: Role): AuthorityLevel {
  switch (role) {
    case 'manager':
    case 'admin':
      return 'manager';
    case 'supervisor':
      return 'supervisor';
    case 'agent':
    case 'customer':
    case 'analyst':
      return 'agent';
  }
}

export const AUTHORITY_RANK: Record<AuthorityLevel, number> = { agent: 0, supervisor: 1, manager: 2 };
