import type { Type } from '@nestjs/common';
import type { ServiceName } from '../config/config';
import type { Projection } from '../projections/projection';

/** What a service contributes to a process: its Nest module, gRPC package, read models. */
export interface ServiceDescriptor {
  name: ServiceName;
  module: Type<unknown>;
  /** Absent until the service has RPCs of its own; the process still serves grpc.health.v1. */
  grpc?: { packageName: string; protoPath: string };
  /** TypeORM entities of its read models (schema = service name). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  projections: Projection[];
}
