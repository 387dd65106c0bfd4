import { protoPath } from '@ticketing/contracts';
import type { ServiceDescriptor } from '@ticketing/platform';
import { FeedbackModule } from './feedback.module';
import { KpiDaily, KpiTicket } from './kpis/kpi.entities';
import { kpiProjection } from './kpis/kpi.projection';
import { CallbackView } from './callbacks/callback.entity';
import { callbacksProjection } from './callbacks/callbacks.projection';
import { CustomerSurvey, FeedbackTimer } from './follow-up/feedback-timer.entity';
import { QaCoachingFlag, QaItem } from './qa/qa.entities';
import { qaProjection } from './qa/qa.projection';

export const feedbackService: ServiceDescriptor = {
  name: 'feedback',
  module: FeedbackModule,
  grpc: { packageName: 'ticketing.feedback.v1', protoPath: protoPath('feedback') },
  entities: [KpiDaily, KpiTicket, CallbackView, FeedbackTimer, CustomerSurvey, QaItem, QaCoachingFlag],
  projections: [kpiProjection, callbacksProjection, qaProjection],
};

export { queryKpis, type KpiQuery, type KpiRow, type KpiValues } from './kpis/kpi-query';
export { KpiRebuild, projectKpiBatch } from './kpis/kpi-batch';
export { KpiDaily, KpiTicket } from './kpis/kpi.entities';
export { buildKpiReport, renderReportCsv, renderReportHtml, type KpiReport } from './reporting/kpi-report';
export { SurveyLinkSigner, type SurveyLinkClaims } from './surveying/survey-link';
