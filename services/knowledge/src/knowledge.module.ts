import { Module } from '@nestjs/common';

/** Articles, search and self-service answers arrive with issue #7; until then the service only
 * takes part in the process's health, metrics and gRPC health checks. */
@Module({})
export class KnowledgeModule {}
