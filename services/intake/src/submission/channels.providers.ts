import { ChannelSettingsHttpController } from '../channel-settings/channel-settings.http.controller';
import { TenantChannels } from '../channel-settings/channel-settings.entity';
import { channelSettingsProjection } from '../channel-settings/channel-settings.projection';
import { ChannelSettingsService } from '../channel-settings/channel-settings.service';
import { SECRET_BOX, SecretBox } from '../channel-settings/secret-box';
import { EmailHttpController } from '../email/email.http.controller';
import { EmailIntakeService } from '../email/email-intake.service';
import { ATTACHMENT_STORE, FileAttachmentStore } from '../email/attachment-store';
import { MailboxPoller } from '../email/mailbox.poller';
import { DeliveriesHttpController } from '../outbound/deliveries.http.controller';
import { DeliveriesService } from '../outbound/deliveries.service';
import { DeliveryFailurePolicy } from '../outbound/delivery-failure.policy';
import { DeliveryWorker } from '../outbound/delivery.worker';
import { OutboundDelivery } from '../outbound/outbound-delivery.entity';
import { outboundDeliveryProjection } from '../outbound/outbound-delivery.projection';
import { loadOutboundConfig, OUTBOUND_CONFIG, type OutboundConfig } from '../outbound/outbound.config';
import { OutboundPolicy } from '../outbound/outbound.policy';
import { TicketChannel } from '../threading/ticket-channel.entity';
import { ticketChannelProjection } from '../threading/ticket-channel.projection';
import { StaffNoticePolicy } from '../staff-notices/staff-notice.policy';
import { SubmissionGrpcController } from './submission.grpc.controller';
import { SubmissionHttpController } from './submission.http.controller';
import { SubmissionService } from './submission.service';

/*
 * Channels in and out (submission, e-mail, threading, outbound delivery), wired into IntakeModule.
 * They live in the intake module itself because opening a ticket goes through its TicketsService.
 */
export const channelEntities = [TicketChannel, OutboundDelivery, TenantChannels];
export const channelProjections = [ticketChannelProjection, outboundDeliveryProjection, channelSettingsProjection];
export const channelControllers = [SubmissionHttpController, SubmissionGrpcController, EmailHttpController, DeliveriesHttpController, ChannelSettingsHttpController];
export const channelProviders = [
  // Read at start-up: a wrong INTAKE_* variable stops the process with a message naming it.
  { provide: OUTBOUND_CONFIG, useFactory: () => loadOutboundConfig() },
  { provide: ATTACHMENT_STORE, useFactory: (config: OutboundConfig) => new FileAttachmentStore(config.attachmentDir), inject: [OUTBOUND_CONFIG] },
  { provide: SECRET_BOX, useFactory: () => new SecretBox() },
  ChannelSettingsService,
  SubmissionService,
  EmailIntakeService,
  MailboxPoller,
  DeliveriesService,
  OutboundPolicy,
  DeliveryWorker,
  DeliveryFailurePolicy,
  StaffNoticePolicy,
];
