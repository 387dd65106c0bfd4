import { Controller, Get, Query } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import { DataSource } from 'typeorm';
import { flattenKpis, queryKpis, type KpiRow } from './kpi-query';
import { KpiQueryRequest, kpiQueryFor } from './kpi.request';

@ApiTags('feedback')
@Controller('kpis')
export class KpiHttpController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('supervisor', 'analyst')
  @ApiOperation({ summary: "The caller's tenant's KPIs per time bucket and value of one dimension (see docs/kpi-definitions.md)" })
  query(@Query() request: KpiQueryRequest, @CurrentPrincipal() principal: Principal): Promise<KpiRow[]> {
    return queryKpis(this.dataSource, kpiQueryFor(principal.tenantId, request));
  }
}

@Controller()
export class KpiGrpcController {
  constructor(private readonly dataSource: DataSource) {}

  @GrpcMethod('FeedbackService', 'QueryKpis')
  @Roles('supervisor', 'analyst')
  async query(@Payload() request: { from: string; to: string; by?: string; bucket?: string }, @CurrentPrincipal() principal: Principal) {
    const rows = await queryKpis(this.dataSource, kpiQueryFor(principal.tenantId, request));
    return { rows: rows.map((row) => ({ bucket: row.bucket, value: row.value, kpis: flattenKpis(row.kpis), counters: row.counters })) };
  }
}
