import { ForbiddenException, GoneException } from '@nestjs/common';
import { streamId, type CommandMetadata, type EventEnvelope } from '@ticketing/contracts';
import { createEventStore, handleCommand, type EventStore } from '@ticketing/eventstore';
import { InProcessEventBus } from '@ticketing/messaging';
import { validateNewEvent } from '@ticketing/platform';
import { SurveyAlreadyRatedError, ticketDecider, type TicketCommand } from '@ticketing/ticket';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { SecondServicePolicy } from '../second-service/second-service.policy';
import { FeedbackSettingsService } from '../settings/feedback-settings.service';
import { SurveyLinkSigner } from './survey-link';
import { LinkAnswerRequest } from './survey.requests';
import { SurveysService } from './surveys.service';

const T0 = Date.parse('2025-03-03T09:00:00.000Z');
const HOUR = 3_600_000;
const TICKET = '0195f0a0-0000-7000-8000-000000000001';
const tenant = 'shop-a';
const meta = (actor: CommandMetadata['actor'], at: number): CommandMetadata => ({
  tenantId: tenant,
  actor,
  correlationId: 'c-1',
  causationId: null,
  now: new Date(at).toISOString(),
});

describe('surveys and second service (event store in PGlite)', () => {
  let store: EventStore;
  let now = T0;
  const clock = () => now;
  const signer = new SurveyLinkSigner('k'.repeat(40));
  let surveys: SurveysService;
  const run = (command: TicketCommand) =>
    handleCommand({ store, streamId: streamId('ticket', TICKET), decider: ticketDecider, command, validate: validateNewEvent });
  const history = async () => (await store.readStream(streamId('ticket', TICKET))).map((e) => e.type);

  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite' });
    surveys = new SurveysService(store, signer, clock);
    const agent = { kind: 'agent' as const, id: 'agent-1' };
    await run({
      type: 'OpenTicket',
      ticketId: TICKET,
      metadata: meta({ kind: 'customer', id: 'c-1' }, T0),
      data: { ticketId: TICKET, channel: 'email', channelMessageId: 'm-1', customerId: 'c-1', customerTier: 'regular', subject: 'Late', text: 'Where is it', orderNumber: null, attachments: [], language: 'en' },
    } as TicketCommand);
    await run({ type: 'AssignTicket', ticketId: TICKET, metadata: meta({ kind: 'system', id: 'routing' }, T0 + 1000), data: { agentId: 'agent-1', groupId: 'general', reason: 'skill_match', explanation: 'x' } });
    await run({ type: 'ResolveTicket', ticketId: TICKET, metadata: meta(agent, T0 + HOUR), data: { resolutionCode: 'answered', summary: 'Shipped', resolvedBy: 'agent-1' } });
  });
  afterAll(() => store?.close());

  it('refuses answers outside the scale, naming the field', async () => {
    const request = plainToInstance(LinkAnswerRequest, { token: 'x', rating: 6, dimensions: { attitude: 0 } });
    const fields = (await validate(request)).flatMap((e) => [e.property, ...(e.children ?? []).map((c) => `${e.property}.${c.property}`)]);
    expect(fields).toEqual(expect.arrayContaining(['rating', 'dimensions.attitude']));
  });

  it('takes one answer per survey through the signed link, with dimensions; refuses forged, expired and second answers', async () => {
    now = T0 + 2 * HOUR;
    const sent = await surveys.send(TICKET, meta({ kind: 'supervisor', id: 'sup-1' }, now), { validForMs: 24 * HOUR });
    const forged = new SurveyLinkSigner('f'.repeat(40)).sign({ tenantId: tenant, ticketId: TICKET, surveyId: sent.surveyId, expiresAt: sent.expiresAt });
    const answer = { rating: 2, comment: 'It took ages', dimensions: { attitude: 4, responseSpeed: 1, problemSolved: null, expertise: 3 } };
    await expect(surveys.answerByLink(forged, answer, 'c-2')).rejects.toBeInstanceOf(ForbiddenException);
    const before = await history();

    now = T0 + 3 * HOUR;
    await surveys.answerByLink(sent.token, answer, 'c-2');
    const rated = (await store.readStream(streamId('ticket', TICKET))).find((e) => e.type === 'SatisfactionRated') as EventEnvelope;
    expect(rated.data).toMatchObject({ surveyId: sent.surveyId, rating: 2, dissatisfied: true, dimensions: answer.dimensions });
    expect(await history()).toEqual([...before, 'SatisfactionRated']);

    await expect(surveys.answerByLink(sent.token, { ...answer, rating: 5 }, 'c-3')).rejects.toBeInstanceOf(SurveyAlreadyRatedError);
    now = T0 + 30 * HOUR;
    await expect(surveys.answerByLink(sent.token, answer, 'c-4')).rejects.toBeInstanceOf(GoneException);
    expect(await history()).toEqual([...before, 'SatisfactionRated']);
  });

  it('a low rating reopens the ticket for a second service, escalated to supervisors, once', async () => {
    const policy = new SecondServicePolicy(store, new InProcessEventBus(), clock, new FeedbackSettingsService(store));
    const rated = (await store.readStream(streamId('ticket', TICKET))).find((e) => e.type === 'SatisfactionRated')!;
    await policy.handle(rated);
    await policy.handle(rated); // redelivered
    const events = await store.readStream(streamId('ticket', TICKET));
    const tail = events.slice(-3);
    expect(tail.map((e) => e.type)).toEqual(['SecondServiceRequested', 'TicketReopened', 'TicketEscalated']);
    expect(tail[0].data).toMatchObject({ reason: 'low_rating', rating: 2, targetGroupId: 'supervisors' });
    expect(tail[2].data).toMatchObject({ toGroupId: 'supervisors', reason: 'complaint' });
    expect(events.filter((e) => e.type === 'SecondServiceRequested')).toHaveLength(1);
  });
});
