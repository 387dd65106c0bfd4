import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InProcessSelfService } from '../self-service/self-service.adapters';
import { SelfServiceHttpController } from '../self-service/self-service.http.controller';
import { ClassificationGrpcController, SelfServiceGrpcController } from './classification.grpc.controller';
import { ClassificationHttpController } from './classification.http.controller';
import { ClassificationService } from './classification.service';
import { ReclassifyHttpController } from './reclassify.http.controller';
import { ClassifyOnOpenPolicy } from './classify-on-open.policy';
import { IntakeSettings } from './intake-settings.entity';
import { TrainingExample } from './training-example.entity';
import { trainingDataProjection } from './training-data.projection';
import { classificationSettingsProjection } from './classification-settings.projection';

/** Read models and projections of classification and self-service, for intake's ServiceDescriptor. */
export const classificationEntities = [IntakeSettings, TrainingExample];
export const classificationProjections = [trainingDataProjection, classificationSettingsProjection];

/** Classification (rules, model, triage, retraining) and self-service offers, inside intake. */
@Module({
  imports: [TypeOrmModule.forFeature(classificationEntities)],
  controllers: [ClassificationHttpController, ReclassifyHttpController, SelfServiceHttpController, ClassificationGrpcController, SelfServiceGrpcController],
  providers: [ClassificationService, ClassifyOnOpenPolicy, InProcessSelfService],
  exports: [ClassificationService],
})
export class ClassificationModule {}
