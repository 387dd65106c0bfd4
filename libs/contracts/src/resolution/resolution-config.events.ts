import { defineEvent, integer, nullable, object, oneOf, string, arrayOf } from '../ticket/events-kit';
import { AUTHORITY_LEVELS, type AuthorityLevel } from '../ticket/events/resolution-work.events';
import {
  CATEGORIES,
  COMPENSATION_KINDS,
  DEPARTMENTS,
  RESOLUTION_CODES,
  type Category,
  type CompensationKind,
  type Department,
  type ResolutionCode,
} from '../ticket/vocabulary';

/* A tenant's resolution configuration lives in one stream, `resolution-<tenantId>`: its departments,
 * compensation authority limits, reopen window and quiet period, and its macros. Folding that one
 * stream gives everything a resolution command needs besides the ticket. */

export const resolutionConfigStream = 'resolution';

export interface DepartmentSetting {
  department: Department;
  name: string;
  /** Due time of a new task unless the agent sets one. */
  defaultDueMinutes: number;
  /** Who an overdue task is escalated to; null = the tenant's supervisors. */
  escalationContact: string | null;
  /** Staff who may work the department's tasks; empty = any agent of the tenant. */
  members: string[];
}

export interface AuthorityLimit {
  level: AuthorityLevel;
  kind: CompensationKind;
  /** Per ticket, minor units (points for `points`). */
  limit: number;
}

export interface ResolutionSettingsChangedData {
  tenantId: string;
  departments: DepartmentSetting[];
  compensationLimits: AuthorityLimit[];
  reopenWindowMinutes: number;
  /** A resolved ticket closes after this long without any activity. */
  autoCloseAfterMinutes: number;
  reason: string;
}

const WEEKS_8 = 8 * 7 * 24 * 60;

export const ResolutionSettingsChanged = defineEvent<'ResolutionSettingsChanged', ResolutionSettingsChangedData>({
  type: 'ResolutionSettingsChanged',
  summary: 'A tenant replaced its resolution settings (departments, compensation authority limits, reopen window, quiet period).',
  streamCategory: resolutionConfigStream,
  producers: ['resolution'],
  consumers: ['resolution'],
  schema: {
    tenantId: string('The tenant configured.'),
    departments: arrayOf(
      object<DepartmentSetting>(
        {
          department: oneOf(DEPARTMENTS, 'The department.'),
          name: string('Display name.', { maxLength: 200 }),
          defaultDueMinutes: integer('Default due time of a task, minutes.', { min: 1, max: WEEKS_8 }),
          escalationContact: nullable(string('Escalation contact for overdue tasks.')),
          members: arrayOf(string('Staff id.'), 'Who may work its tasks (empty = any agent).', { maxItems: 500 }),
        },
        'A department collaboration tasks can go to.',
        'DepartmentSetting',
      ),
      'Departments enabled for collaboration.',
      { maxItems: 50 },
    ),
    compensationLimits: arrayOf(
      object<AuthorityLimit>(
        {
          level: oneOf(AUTHORITY_LEVELS, 'Authority level.'),
          kind: oneOf(COMPENSATION_KINDS, 'Compensation kind.'),
          limit: integer('Per-ticket limit (minor units or points).', { min: 0 }),
        },
        'What one level may grant of one kind per ticket.',
        'AuthorityLimit',
      ),
      'Authority limits; a missing (level, kind) may not be granted at that level.',
      { maxItems: 100 },
    ),
    reopenWindowMinutes: integer('How long after resolution the customer may reopen.', { min: 0, max: WEEKS_8 * 4 }),
    autoCloseAfterMinutes: integer('Quiet period after which a resolved ticket closes.', { min: 1, max: WEEKS_8 * 4 }),
    reason: string('Why the settings changed.', { maxLength: 1000 }),
  },
});

export const MACRO_STATUSES = ['pending_customer', 'resolved'] as const;
export type MacroStatus = (typeof MACRO_STATUSES)[number];

export interface MacroDefinition {
  macroId: string;
  name: string;
  /** Mustache template over `ticket.*`, `order.*` and `agent.*`. */
  body: string;
  /** Status to move the ticket to with the reply: ask the customer, or resolve. null = leave it. */
  setStatus: MacroStatus | null;
  /** With `setStatus: resolved`. */
  resolutionCode: ResolutionCode | null;
  addTags: string[];
  category: Category | null;
}

export interface MacroSavedData extends MacroDefinition {
  tenantId: string;
  reason: string;
}

export const macroFields = {
  macroId: string('Id of the macro within the tenant.', { maxLength: 100 }),
  name: string('Name agents pick it by.', { maxLength: 200 }),
  body: string('Mustache template of the reply.', { maxLength: 20_000 }),
  setStatus: nullable(oneOf(MACRO_STATUSES, 'Status the macro moves the ticket to.')),
  resolutionCode: nullable(oneOf(RESOLUTION_CODES, 'Resolution code when it resolves.')),
  addTags: arrayOf(string('A tag.', { maxLength: 64 }), 'Tags it adds.', { maxItems: 20 }),
  category: nullable(oneOf(CATEGORIES, 'Category it sets.')),
};

export const MacroSaved = defineEvent<'MacroSaved', MacroSavedData>({
  type: 'MacroSaved',
  summary: 'A tenant created or replaced a macro (a standard-solution reply template with actions).',
  streamCategory: resolutionConfigStream,
  producers: ['resolution'],
  consumers: ['resolution', 'knowledge'],
  schema: { tenantId: string('The tenant.'), ...macroFields, reason: string('Why it changed.', { maxLength: 1000 }) },
  rules: (data) =>
    (data.setStatus === 'resolved') === (data.resolutionCode !== null)
      ? []
      : ['data.resolutionCode must be set exactly when data.setStatus is resolved'],
});

export interface MacroRemovedData {
  tenantId: string;
  macroId: string;
  reason: string;
}

export const MacroRemoved = defineEvent<'MacroRemoved', MacroRemovedData>({
  type: 'MacroRemoved',
  summary: 'A tenant removed a macro (a default macro removed stays removed for that tenant).',
  streamCategory: resolutionConfigStream,
  producers: ['resolution'],
  consumers: ['resolution', 'knowledge'],
  schema: { tenantId: string('The tenant.'), macroId: string('The macro removed.'), reason: string('Why.', { maxLength: 1000 }) },
});

export const resolutionConfigEventDefinitions = [ResolutionSettingsChanged, MacroSaved, MacroRemoved] as const;
