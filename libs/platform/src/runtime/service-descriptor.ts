import type { Type } from '@nestjs/common';
import type { ServiceName } from '../config/config';

/** What a service contributes to a process: its Nest module and its gRPC package. */
export interface ServiceDescriptor {
  name: ServiceName;
  module: Type<unknown>;
  grpc: { packageName: string; protoPath: string };
}
