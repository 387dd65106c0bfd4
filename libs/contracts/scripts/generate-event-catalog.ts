// Writes docs/event-catalog.md from the event definitions:
//   node -r @swc-node/register libs/contracts/scripts/generate-event-catalog.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTicketEventCatalog } from '../src/catalog/ticket-catalog';

const target = join(__dirname, '..', '..', '..', 'docs', 'event-catalog.md');
writeFileSync(target, renderTicketEventCatalog());
console.log(`wrote ${target}`);
