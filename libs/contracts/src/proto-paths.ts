import { join } from 'node:path';

/** Absolute path of a service's .proto file in libs/contracts/proto. */
export function protoPath(service: 'intake' | 'routing' | 'resolution' | 'feedback' | 'knowledge'): string {
  return join(__dirname, '..', 'proto', `${service}.proto`);
}
