import 'reflect-metadata';
import { Command } from 'commander';
import { registerExport } from './commands/export.command';
import { registerClassify } from './commands/classify.command';
import { registerKb } from './commands/kb.command';
import { registerKeys } from './commands/keys.command';
import { registerRelay } from './commands/relay.command';
import { registerReplay } from './commands/replay.command';
import { registerReport } from './commands/report.command';
import { registerTicketShow } from './commands/ticket-show.command';
import { registerUp } from './commands/up.command';
import { ConfigError } from '@ticketing/platform';

const program = new Command()
  .name('ticketctl')
  .description('Run the ticketing platform and work with its event log')
  .showHelpAfterError();

registerUp(program);
registerRelay(program);
registerExport(program);
registerReplay(program);
registerTicketShow(program);
registerKeys(program);
registerClassify(program);
registerReport(program);
registerKb(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Configuration mistakes are the operator's to fix: say which variable, no stack trace.
  if (error instanceof ConfigError) {
    process.stderr.write(`ticketctl: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`ticketctl: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
