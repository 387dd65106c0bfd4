import { Module } from '@nestjs/common';
import { SURVEY_LINK_PORT } from '@ticketing/contracts';
import { PLATFORM_CONFIG, type PlatformConfig } from '@ticketing/platform';
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
import { SurveysGrpcController } from './surveying/surveys.grpc.controller';
import { FEEDBACK_CLOCK, SurveysService } from './surveying/surveys.service';
import { FEEDBACK_PUBLIC_URL, FeedbackSurveyLinks, publicUrlOf, surveyLinkSignerFor } from './surveying/survey-links.provider';

@Module({
  // Registers the read-model tables with the platform's DataSource (autoLoadEntities).
  imports: [TypeOrmModule.forFeature([KpiDaily, KpiTicket, CallbackView, FeedbackTimer, CustomerSurvey, QaItem, QaCoachingFlag])],
  controllers: [
    SatisfactionHttpController,
    SatisfactionGrpcController,
    KpiHttpController,
    KpiGrpcController,
    SurveysHttpController,
    SurveysGrpcController,
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
    // Validated at start-up: a distributed feedback without FEEDBACK_SURVEY_LINK_SECRET does not start.
    { provide: SurveyLinkSigner, useFactory: (config: PlatformConfig) => surveyLinkSignerFor(config), inject: [PLATFORM_CONFIG] },
    { provide: FEEDBACK_PUBLIC_URL, useFactory: () => publicUrlOf() },
    FeedbackSurveyLinks,
    // Intake asks for survey links through this port when both run in one process.
    { provide: SURVEY_LINK_PORT, useExisting: FeedbackSurveyLinks },
    { provide: FEEDBACK_CLOCK, useValue: () => Date.now() },
  ],
  exports: [SURVEY_LINK_PORT],
})
export class FeedbackModule {}
