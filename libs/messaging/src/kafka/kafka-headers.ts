import type { IHeaders } from 'kafkajs';

/** kafkajs hands headers back as Buffers (or arrays of them for repeated keys); handlers get
 * plain strings, the last value winning for a repeated key. */
export function decodeKafkaHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) decoded[name] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return decoded;
}
