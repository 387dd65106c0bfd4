import { protoPath } from '@ticketing/contracts';
import type { ServiceDescriptor } from '@ticketing/platform';
import { FeedbackModule } from './feedback.module';
import { KpiDaily, KpiTicket } from './kpis/kpi.entities';
import { kpiProjection } from './kpis/kpi.projection';

export const feedbackService: ServiceDescriptor = {
  name: 'feedback',
  module: FeedbackModule,
  grpc: { packageName: 'ticketing.feedback.v1', protoPath: protoPath('feedback') },
  entities: [KpiDaily, KpiTicket],
  projections: [kpiProjection],
};

export { queryKpis, type KpiQuery, type KpiRow, type KpiValues } from './kpis/kpi-query';
export { KpiRebuild, projectKpiBatch } from './kpis/kpi-batch';
export { KpiDaily, KpiTicket } from './kpis/kpi.entities';
export { buildKpiReport, renderReportCsv, renderReportHtml, type KpiReport } from './reporting/kpi-report';
