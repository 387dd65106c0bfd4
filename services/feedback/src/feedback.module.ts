import { Module } from '@nestjs/common';
import { SatisfactionGrpcController, SatisfactionHttpController } from './satisfaction.controllers';
import { SatisfactionService } from './satisfaction.service';

@Module({
  controllers: [SatisfactionHttpController, SatisfactionGrpcController],
  providers: [SatisfactionService],
})
export class FeedbackModule {}
