import type { MacroDefinition } from './resolution-config.events';

/**
 * The high-frequency after-sales cases every tenant starts with. Shared by resolution (a tenant's
 * macros are these until its `resolution-<tenantId>` stream saves or removes them) and knowledge
 * (agent assist suggests them too). Placeholders: `ticket.*` (from the
 * ticket), `order.*` (fields the agent passes from the shop's order system), `agent.id`. A tenant
 * may replace or remove any of them.
 */
export const DEFAULT_MACROS: readonly MacroDefinition[] = [
  {
    macroId: 'default.order-status',
    name: 'Order status',
    body: 'Your order {{ticket.orderNumber}} is currently "{{order.status}}". We will let you know as soon as it changes.',
    setStatus: null,
    resolutionCode: null,
    addTags: ['order-status'],
    category: 'order_status',
  },
  {
    macroId: 'default.logistics-tracking',
    name: 'Logistics tracking',
    body: 'Your order {{ticket.orderNumber}} was handed to {{order.carrier}}; tracking number {{order.trackingNumber}}.',
    setStatus: 'resolved',
    resolutionCode: 'answered',
    addTags: ['tracking'],
    category: 'logistics',
  },
  {
    macroId: 'default.return-exchange-policy',
    name: 'Return/exchange policy',
    body: 'Items can be returned or exchanged within {{order.returnWindowDays}} days of delivery in their original condition. Reply here and we will send the return label for order {{ticket.orderNumber}}.',
    setStatus: null,
    resolutionCode: null,
    addTags: ['return-policy'],
    category: 'return_exchange',
  },
  {
    macroId: 'default.payment-problem',
    name: 'Payment problem',
    body: 'Sorry about the trouble paying for order {{ticket.orderNumber}}. Could you tell us the payment method and the exact error message you saw?',
    setStatus: 'pending_customer',
    resolutionCode: null,
    addTags: ['payment'],
    category: 'payment',
  },
  {
    macroId: 'default.wrong-item',
    name: 'Wrong item received',
    body: 'We are sorry you received the wrong item for order {{ticket.orderNumber}}. Please send a photo of the item and its label, and we will ship the right one at our cost.',
    setStatus: 'pending_customer',
    resolutionCode: null,
    addTags: ['wrong-item'],
    category: 'return_exchange',
  },
  {
    macroId: 'default.missing-item',
    name: 'Missing item',
    body: 'We are sorry an item was missing from order {{ticket.orderNumber}}. We are checking the packing record with our warehouse and will update you within {{order.checkHours}} hours.',
    setStatus: null,
    resolutionCode: null,
    addTags: ['missing-item'],
    category: 'logistics',
  },
  {
    macroId: 'default.quality-problem',
    name: 'Quality problem',
    body: 'We are sorry the item from order {{ticket.orderNumber}} is not as it should be. Please send photos of the problem so we can offer a replacement or refund.',
    setStatus: 'pending_customer',
    resolutionCode: null,
    addTags: ['quality'],
    category: 'return_exchange',
  },
  {
    macroId: 'default.cancel-after-shipment',
    name: 'Cancel request, order already shipped',
    body: 'Order {{ticket.orderNumber}} has already left our warehouse, so it can no longer be cancelled. Once it arrives you can return it free of charge within {{order.returnWindowDays}} days and we will refund you in full.',
    setStatus: 'resolved',
    resolutionCode: 'answered',
    addTags: ['cancel-after-shipment'],
    category: 'order_cancel',
  },
];
