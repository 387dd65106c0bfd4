import { Module } from '@nestjs/common';
import { KpiGrpcController, KpiHttpController } from './kpis/kpi.controllers';
import { SatisfactionGrpcController, SatisfactionHttpController } from './satisfaction.controllers';
import { SatisfactionService } from './satisfaction.service';

@Module({
  controllers: [SatisfactionHttpController, SatisfactionGrpcController, KpiHttpController, KpiGrpcController],
  providers: [SatisfactionService],
})
export class FeedbackModule {}
