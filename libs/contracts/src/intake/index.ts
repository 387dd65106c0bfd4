import { TenantChannelSettingsChanged } from './channel-settings.events';
import { ClassificationSettingsChanged } from './classification-settings.events';
import { ConversationTicketLinked } from './conversation.events';
import { DeliveryAttempted, DeliveryFailed, DeliveryRequested, MessageDelivered, StaffNoticeRequested, StaffNoticeUndeliverable } from './delivery.events';

export * from './channel-settings.events';
export * from './classification-settings.events';
export * from './conversation.events';
export * from './delivery.events';

/** Intake's own streams: conversations (threading) and outbound deliveries. */
export const intakeEventDefinitions = [ConversationTicketLinked, DeliveryRequested, DeliveryAttempted, MessageDelivered, DeliveryFailed, StaffNoticeRequested, StaffNoticeUndeliverable, ClassificationSettingsChanged, TenantChannelSettingsChanged] as const;
