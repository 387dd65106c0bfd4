import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallbackView } from './callbacks/callback.entity';
import { CustomerSurvey, FeedbackTimer } from './follow-up/feedback-timer.entity';
import { KpiDaily, KpiTicket } from './kpis/kpi.entities';
import { QaCoachingFlag, QaItem } from './qa/qa.entities';
import { QaGrpcController } from './qa/qa.grpc.controller';
import { QaHttpController } from './qa/qa.http.controller';
import { QaSamplingPolicy } from './qa/qa-sampling.policy';
import { QaService } from './qa/qa.service';
import { CallbacksGrpcController } from './callbacks/callbacks.grpc.controller';
import { CallbacksHttpController } from './callbacks/callbacks.http.controller';
import { CallbacksService } from './callbacks/callbacks.service';
import { FollowUpPolicy } from './follow-up/follow-up.policy';
import { FollowUpTimers } from './follow-up/follow-up.timers';
import { FeedbackSettingsGrpcController } from './settings/feedback-settings.grpc.controller';
import { FeedbackSettingsHttpController } from './settings/feedback-settings.http.controller';
import { FeedbackSettingsService } from './settings/feedback-settings.service';
import { KpiGrpcController, KpiHttpController } from './kpis/kpi.controllers';
import { SatisfactionGrpcController, SatisfactionHttpController } from './satisfaction.controllers';
import { SatisfactionService } from './satisfaction.service';
import { SecondServicePolicy } from './second-service/second-service.policy';
import { SurveyLinkSigner } from './surveying/survey-link';
import { SurveysHttpController } from './surveying/surveys.controllers';
import { FEEDBACK_CLOCK, SurveysService } from './surveying/surveys.service';

/** FEEDBACK_SURVEY_LINK_SECRET signs survey links; without it links are signed with a per-process key
 * (fine for the embedded demo, but links then die with the process). */
function surveyLinkSigner(): SurveyLinkSigner {
  const secret = process.env['FEEDBACK_SURVEY_LINK_SECRET']?.trim();
  return secret ? new SurveyLinkSigner(secret) : SurveyLinkSigner.withRandomSecret();
}

@Module({
  // Registers the read-model tables with the platform's DataSource (autoLoadEntities).
  imports: [TypeOrmModule.forFeature([KpiDaily, KpiTicket, CallbackView, FeedbackTimer, CustomerSurvey, QaItem, QaCoachingFlag])],
  controllers: [
    SatisfactionHttpController,
    SatisfactionGrpcController,
    KpiHttpController,
    KpiGrpcController,
    SurveysHttpController,
    FeedbackSettingsHttpController,
    FeedbackSettingsGrpcController,
    CallbacksHttpController,
    CallbacksGrpcController,
    QaHttpController,
    QaGrpcController,
  ],
  providers: [
    SatisfactionService,
    FeedbackSettingsService,
    CallbacksService,
    FollowUpPolicy,
    FollowUpTimers,
    QaService,
    QaSamplingPolicy,
    SurveysService,
    SecondServicePolicy,
    { provide: SurveyLinkSigner, useFactory: surveyLinkSigner },
    { provide: FEEDBACK_CLOCK, useValue: () => Date.now() },
  ],
})
export class FeedbackModule {}
