import type { NewEvent } from '../envelope';
import { UnsupportedSchemaVersionError } from '../events/event-registry';
import {
  TicketOpened,
  sampleTicketEventData,
  ticketEventDefinitions,
  ticketEventTypes,
  upcast,
  upcastEvent,
  validateEvent,
  type TicketEvent,
  type TicketEventType,
} from './index';

const envelope = <T extends TicketEventType>(type: T, data: unknown = sampleTicketEventData[type]): NewEvent => ({
  type,
  schemaVersion: ticketEventDefinitions.find((d) => d.type === type)!.schemaVersion,
  tenantId: 'tenant-a',
  actor: { kind: 'agent', id: 'agent-1' },
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2025-01-01T10:00:00.000Z',
  data,
});

describe('ticket event definitions', () => {
  it('define the 41 ticket events, each once', () => {
    expect(ticketEventTypes).toHaveLength(41);
    expect(new Set(ticketEventTypes).size).toBe(41);
  });

  it.each(ticketEventTypes.map((t) => [t]))('%s accepts its sample payload', (type) => {
    expect(validateEvent(envelope(type))).toEqual([]);
  });

  it.each(ticketEventTypes.map((t) => [t]))('%s rejects a payload that is not an object', (type) => {
    expect(validateEvent(envelope(type, 'oops'))).toEqual(['data must be an object']);
  });
});

describe('validateEvent catches bad payloads field by field', () => {
  const withData = <T extends TicketEventType>(type: T, patch: Record<string, unknown>) =>
    validateEvent(envelope(type, { ...(sampleTicketEventData[type] as object), ...patch }));

  it('names missing and empty required strings', () => {
    expect(withData('TicketAssigned', { agentId: '', groupId: undefined })).toEqual([
      'data.agentId must be a non-empty string',
      'data.groupId must be a non-empty string',
    ]);
  });

  it('names enum violations with the allowed values', () => {
    expect(withData('TicketOpened', { channel: 'fax' })).toEqual([
      'data.channel must be one of chat, app, email, social, webform, hotline',
    ]);
  });

  it('reports problems inside nested arrays with their index', () => {
    const attachments = [{ ...sampleTicketEventData.TicketOpened.attachments[0], sizeBytes: -1 }];
    expect(withData('TicketOpened', { attachments })).toEqual(['data.attachments[0].sizeBytes must be an integer >= 0']);
  });

  it('rejects unknown fields so typos do not silently vanish', () => {
    expect(withData('TicketQueued', { groupID: 'g' })).toEqual(['data.groupID is not a known field']);
  });

  it('checks formats: timestamps, currency codes, language tags, ranges', () => {
    expect(withData('SlaClockStarted', { dueAt: 'tomorrow' })).toEqual([
      'data.dueAt must be an ISO-8601 timestamp with offset',
    ]);
    expect(withData('CompensationProposed', { currency: 'euro' })).toEqual(['data.currency must be a 3-letter ISO-4217 code']);
    expect(withData('TicketOpened', { language: 'english!' })).toEqual(['data.language must be a BCP-47 language tag']);
    expect(withData('SatisfactionRated', { rating: 6 })).toEqual(['data.rating must be an integer >= 1 and <= 5']);
    expect(withData('TicketClassified', { confidence: 1.5 })).toEqual(['data.confidence must be a number in [0, 1]']);
  });

  it('applies cross-field rules once the fields themselves are valid', () => {
    expect(withData('TicketOpened', { channel: 'chat', channelClass: 'async' })).toEqual([
      'data.channelClass must be instant for channel chat',
    ]);
    expect(withData('CompensationProposed', { kind: 'points', currency: 'EUR' })).toEqual([
      'data.currency must be null for points',
    ]);
    expect(withData('CompensationApproved', { kind: 'full_refund', currency: null })).toEqual([
      'data.currency must be a 3-letter ISO-4217 code for full_refund',
    ]);
    expect(withData('SlaClockStarted', { warnAt: '2025-01-01T13:00:00.000Z' })).toEqual([
      'data.warnAt must not be after data.dueAt',
    ]);
    expect(withData('TicketReopened', { previousStatus: 'closed', byPolicy: false })).toEqual([
      'data.byPolicy must be true to reopen a closed ticket',
    ]);
    expect(withData('TicketMerged', { targetTicketId: 't-1' })).toEqual([
      'data.targetTicketId must differ from data.sourceTicketId',
    ]);
    expect(withData('SatisfactionRated', { rating: 5, dissatisfied: true })).toEqual([
      'data.dissatisfied must be false for rating 5',
    ]);
  });
});

describe('validateEvent checks the envelope', () => {
  it('requires tenant, a valid actor and a correlation id', () => {
    const event = { ...envelope('TicketQueued'), tenantId: ' ', actor: { kind: 'robot', id: '' }, correlationId: '' } as unknown as NewEvent;
    expect(validateEvent(event)).toEqual([
      'tenantId must be a non-empty string',
      'actor.kind must be one of customer, agent, supervisor, system, service',
      'actor.id must be a non-empty string',
      'correlationId must be a non-empty string',
    ]);
  });

  it('rejects unknown types and versions other than the current one', () => {
    expect(validateEvent({ ...envelope('TicketQueued'), type: 'TicketVanished' })).toEqual([
      'type "TicketVanished" is not a known event type',
    ]);
    expect(validateEvent({ ...envelope('TicketOpened'), schemaVersion: 1 })).toEqual([
      'schemaVersion must be 2 (current for TicketOpened), got 1',
    ]);
  });

  it('checks optional envelope fields when present', () => {
    expect(validateEvent({ ...envelope('TicketQueued'), eventId: 'x', occurredAt: 'now', causationId: '' })).toEqual([
      'eventId must be a UUID when given',
      'causationId must be null or a non-empty string',
      'occurredAt must be an ISO-8601 timestamp with offset',
    ]);
  });
});

describe('upcasting', () => {
  const { channelClass: _dropped, ...v1 } = sampleTicketEventData.TicketOpened;

  it('upcasts TicketOpened v1 to v2 by deriving channelClass from the channel', () => {
    expect(upcast('TicketOpened', 1, { ...v1, channel: 'hotline' })).toEqual({
      schemaVersion: 2,
      data: { ...v1, channel: 'hotline', channelClass: 'instant' },
    });
    const upcasted = upcast('TicketOpened', 1, v1);
    expect(upcasted.data).toEqual({ ...v1, channelClass: 'async' });
    // The result is a valid current payload.
    expect(TicketOpened.validate(upcasted.data)).toEqual([]);
  });

  it('leaves current versions and unknown types untouched', () => {
    const data = sampleTicketEventData.TicketOpened;
    expect(upcast('TicketOpened', 2, data)).toEqual({ schemaVersion: 2, data });
    expect(upcast('CustomerRegistered', 7, { x: 1 })).toEqual({ schemaVersion: 7, data: { x: 1 } });
  });

  it('refuses versions from the future or nonsense versions', () => {
    expect(() => upcast('TicketOpened', 3, {})).toThrow(UnsupportedSchemaVersionError);
    expect(() => upcast('TicketOpened', 0, {})).toThrow(UnsupportedSchemaVersionError);
  });

  it('upcastEvent keeps the envelope and returns the same object when already current', () => {
    const stored = {
      eventId: '0190a000-0000-7000-8000-000000000000',
      type: 'TicketOpened',
      schemaVersion: 1,
      streamId: 'ticket-t-1',
      streamPosition: 0,
      globalPosition: 1,
      logPosition: { commit: 1, prepare: 1 },
      occurredAt: '2025-01-01T10:00:00.000Z',
      tenantId: 'tenant-a',
      actor: { kind: 'customer', id: 'c-1' },
      correlationId: 'corr-1',
      causationId: null,
      data: v1,
    } as unknown as TicketEvent;
    const current = upcastEvent(stored);
    expect(current).toEqual({ ...stored, schemaVersion: 2, data: { ...v1, channelClass: 'async' } });
    expect(stored.schemaVersion).toBe(1); // never rewritten
    expect(upcastEvent(current)).toBe(current);
  });
});

describe('definition helpers', () => {
  it('narrow an envelope with is()', () => {
    const event = { type: 'TicketOpened', data: sampleTicketEventData.TicketOpened } as { type: string; data: unknown };
    if (!TicketOpened.is(event)) throw new Error('expected TicketOpened');
    expect(event.data.channelClass).toBe('async');
  });
});

describe('TicketClassified v2 and v3', () => {
  it('upcasts v1 to language und, no triage, no suggestion, no subcategory', () => {
    const { language: _l, needsTriage: _n, suggestedCategory: _s, subcategory: _c, ...v1 } = sampleTicketEventData.TicketClassified;
    expect(upcast('TicketClassified', 1, v1)).toEqual({ schemaVersion: 3, data: { ...v1, language: 'und', needsTriage: false, suggestedCategory: null, subcategory: null } });
  });

  it('upcasts v2 to no subcategory, and TicketReclassified v1 to no subcategory before or after', () => {
    const { subcategory: _c, ...v2 } = sampleTicketEventData.TicketClassified;
    expect(upcast('TicketClassified', 2, v2)).toEqual({ schemaVersion: 3, data: { ...v2, subcategory: null } });
    const { subcategory: _s, previousSubcategory: _p, ...reclassifiedV1 } = sampleTicketEventData.TicketReclassified;
    expect(upcast('TicketReclassified', 1, reclassifiedV1)).toEqual({ schemaVersion: 2, data: { ...reclassifiedV1, subcategory: null, previousSubcategory: null } });
  });

  it('refuses a subcategory that is not a slug', () => {
    expect(validateEvent(envelope('TicketClassified', { ...sampleTicketEventData.TicketClassified, subcategory: 'Late Delivery!' }))).toEqual([
      'data.subcategory must be a subcategory slug (a-z, 0-9, - or _, 2-64 characters)',
    ]);
  });

  it('refuses a suggestion without triage', () => {
    expect(validateEvent(envelope('TicketClassified', { ...sampleTicketEventData.TicketClassified, suggestedCategory: 'refund' }))).toEqual([
      'data.suggestedCategory must be null unless data.needsTriage',
    ]);
  });
});
