import type { SchemaFields } from '../schema/schema';
import type { EventDefinition } from '../events/event-definition';
import { topicForCategory } from '../streams';

/* Renders docs/event-catalog.md from the definitions themselves, so the catalog cannot drift from
 * the code (a test compares the committed file with this output). */

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function fieldRows(fields: SchemaFields, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([name, field]) => [
    `| \`${prefix}${name}\` | ${cell(field.typeLabel)} | ${cell(field.description)} |`,
    ...(field.fields ? fieldRows(field.fields, `${prefix}${name}${field.typeLabel.endsWith('[]') ? '[]' : ''}.`) : []),
  ]);
}

function renderEvent(definition: EventDefinition): string {
  const history = [
    ...definition.upcasters.map((u) => `- v${u.fromVersion} → v${u.fromVersion + 1}: ${u.description}`),
    definition.upcasters.length === 0 ? '- v1: initial version; no upcasters.' : `- v${definition.schemaVersion}: current.`,
  ];
  return [
    `### ${definition.type}`,
    '',
    definition.summary,
    '',
    `- **Version:** ${definition.schemaVersion}`,
    `- **Stream:** \`${definition.streamCategory}-<id>\` (Kafka topic \`${topicForCategory(definition.streamCategory)}\`)`,
    `- **Producers:** ${definition.producers.join(', ')}`,
    `- **Consumers:** ${definition.consumers.join(', ')}`,
    '',
    '| Field | Type | Meaning |',
    '| --- | --- | --- |',
    ...fieldRows(definition.fields),
    '',
    '**Upcaster history**',
    '',
    ...history,
    '',
  ].join('\n');
}

/** `vocabulary`: named value lists (channels, statuses, …) listed after the events. */
export function renderEventCatalog(
  definitions: readonly EventDefinition[],
  vocabulary: Readonly<Record<string, readonly string[]>> = {},
): string {
  const index = definitions.map((d) => `| [${d.type}](#${d.type.toLowerCase()}) | ${d.schemaVersion} | ${d.producers.join(', ')} | ${cell(d.summary)} |`);
  return [
    '# Event catalog',
    '',
    '<!-- Generated from the definitions in libs/contracts by',
    '     `node -r @swc-node/register libs/contracts/scripts/generate-event-catalog.ts`.',
    '     Do not edit by hand: a test fails when this file and the definitions disagree. -->',
    '',
    'Every event travels in the envelope described in `libs/contracts/src/envelope.ts` (eventId, type,',
    'schemaVersion, streamId, positions, occurredAt, tenantId, actor, correlationId, causationId); the',
    'tables below describe `data`. Writers always write the current version; readers upcast older',
    'versions on read (`upcastEvent`) and stored events are never rewritten. Payloads are validated',
    'with `validateEvent` before they are appended: unknown fields are rejected, and enum values may',
    'grow, so consumers must tolerate values they do not know. Money is in minor units.',
    '',
    '| Event | Version | Producers | Summary |',
    '| --- | --- | --- | --- |',
    ...index,
    '',
    '## Events',
    '',
    ...definitions.map(renderEvent),
    ...(Object.keys(vocabulary).length > 0
      ? ['## Vocabulary', '', '| Name | Values |', '| --- | --- |', ...Object.entries(vocabulary).map(([name, values]) => `| \`${name}\` | ${values.map((v) => `\`${v}\``).join(', ')} |`), '']
      : []),
  ].join('\n');
}
