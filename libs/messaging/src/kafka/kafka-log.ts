import { logLevel, type logCreator } from 'kafkajs';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaLogEntry {
  level: Exclude<KafkaLogLevel, 'nothing'>;
  namespace: string;
  message: string;
  extra: Record<string, unknown>;
}

/** Where kafkajs' log lines go; the platform plugs its structured logger in here. */
export type KafkaLogSink = (entry: KafkaLogEntry) => void;

export const toKafkajsLevel: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

const fromKafkajsLevel = (level: logLevel): KafkaLogEntry['level'] =>
  level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : level === logLevel.INFO ? 'info' : 'debug';

export const consoleKafkaLogSink: KafkaLogSink = ({ level, namespace, message, extra }) => {
  const write = level === 'error' ? console.error : level === 'warn' ? console.warn : console.log;
  write(`[kafkajs:${namespace}] ${message}`, Object.keys(extra).length > 0 ? extra : '');
};

/** kafkajs prints JSON to stdout by default; this routes its entries to one sink instead. */
export function kafkaLogCreator(sink: KafkaLogSink): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      sink({ level: fromKafkajsLevel(level), namespace, message, extra });
    };
}
