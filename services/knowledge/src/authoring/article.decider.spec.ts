import type { Actor, ArticleContent, CommandMetadata, EventEnvelope, NewEvent } from '@ticketing/contracts';
import { eventRegistry } from '@ticketing/contracts';
import { ArticleDomainError, articleDecider, type ArticleCommand, type ArticleState } from './article.decider';

const author: Actor = { kind: 'agent', id: 'agent-1' };
const reviewer: Actor = { kind: 'supervisor', id: 'sup-1' };
const T0 = '2025-03-01T10:00:00.000Z';

const meta = (actor: Actor = author, now = T0, tenantId = 'acme'): CommandMetadata => ({ tenantId, actor, correlationId: 'c-1', now });
const content = (over: Partial<ArticleContent> = {}): ArticleContent => ({
  title: 'How long do refunds take?',
  body: 'Refunds reach your card within **5 business days**.',
  category: 'refund',
  tags: ['refund'],
  audience: 'public',
  ...over,
});

const draft = (over: Partial<ArticleContent> = {}, actor = author): ArticleCommand => ({
  type: 'DraftArticle',
  metadata: meta(actor),
  data: { articleId: 'a-1', locale: 'en', content: content(over), translationOf: null, origin: 'authored', sourceTicketIds: [] },
});
const cmd = <T extends ArticleCommand['type']>(type: T, data: Extract<ArticleCommand, { type: T }>['data'], actor = author, now = T0): ArticleCommand =>
  ({ type, metadata: meta(actor, now), data }) as ArticleCommand;

/** Given these commands (each decided and folded in turn), when this one: then these events or this error. */
function given(...history: ArticleCommand[]) {
  let state: ArticleState = articleDecider.initialState();
  let position = 0;
  const fold = (events: NewEvent[]) => {
    for (const e of events) {
      // Every event must satisfy its contract, exactly as the command handler enforces before appending.
      expect(eventRegistry.validateEvent(e)).toEqual([]);
      const stored = { ...e, eventId: `e${position}`, streamId: 'article-acme.a-1', streamPosition: position++, globalPosition: position, logPosition: { commit: position, prepare: position }, occurredAt: e.occurredAt!, causationId: null } as EventEnvelope;
      state = articleDecider.evolve(state, stored);
    }
  };
  history.forEach((c) => fold(articleDecider.decide(c, state)));
  return {
    when(command: ArticleCommand) {
      const run = () => articleDecider.decide(command, state);
      return {
        then(expected: Array<{ type: string; data?: object }>) {
          const events = run();
          expect(events.map((e) => ({ type: e.type, data: e.data }))).toEqual(expected.map((x) => ({ type: x.type, data: expect.objectContaining(x.data ?? {}) })));
          fold(events);
          return state;
        },
        thenRejects(code: string, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(ArticleDomainError);
          expect((error as ArticleDomainError).code).toBe(code);
          if (message) expect((error as Error).message).toMatch(message);
        },
      };
    },
  };
}

describe('article decider', () => {
  it('drafts revision 1', () => {
    const state = given().when(draft()).then([{ type: 'ArticleDrafted', data: { articleId: 'a-1', revision: 1, locale: 'en', origin: 'authored' } }]);
    expect(state.status).toBe('draft');
  });

  it('refuses a second draft with the same id', () => {
    given(draft()).when(draft()).thenRejects('article_already_exists');
  });

  it('keeps every revision; an unchanged revision writes nothing', () => {
    const state = given(draft())
      .when(cmd('ReviseArticle', { content: content({ body: 'Within 3 business days.' }), reason: 'policy changed' }))
      .then([{ type: 'ArticleRevised', data: { revision: 2, body: 'Within 3 business days.', reason: 'policy changed' } }]);
    expect(state.revisions.map((r) => r.revision)).toEqual([1, 2]);
    given(draft()).when(cmd('ReviseArticle', { content: content(), reason: 'no-op' })).then([]);
  });

  it('goes draft → in review → approved → published, recording who approved which revision', () => {
    const state = given(draft(), cmd('SubmitForReview', { note: '' }), cmd('ApproveArticle', { note: 'ok' }, reviewer))
      .when(cmd('PublishArticle', { note: '' }, reviewer))
      .then([{ type: 'ArticlePublished', data: { revision: 1, approvedBy: 'sup-1', scheduled: false } }]);
    expect(state).toMatchObject({ status: 'published', publishedRevision: 1, approvals: [{ revision: 1, by: 'sup-1' }] });
  });

  it('publishing straight from review approves and publishes at once', () => {
    given(draft(), cmd('SubmitForReview', { note: '' }))
      .when(cmd('PublishArticle', { note: 'lgtm' }, reviewer))
      .then([{ type: 'ArticleApproved', data: { revision: 1 } }, { type: 'ArticlePublished', data: { approvedBy: 'sup-1' } }]);
  });

  it('refuses publishing a draft that was never reviewed', () => {
    given(draft()).when(cmd('PublishArticle', { note: '' }, reviewer)).thenRejects('invalid_transition', /in status draft/);
  });

  it('refuses publishing an article with no body, naming the field', () => {
    given(draft({ body: '   ' }), cmd('SubmitForReview', { note: '' }))
      .when(cmd('PublishArticle', { note: '' }, reviewer))
      .thenRejects('invalid_command', /^body: /);
  });

  it('four eyes: the author cannot approve their own revision', () => {
    given(draft(), cmd('SubmitForReview', { note: '' })).when(cmd('ApproveArticle', { note: '' }, author)).thenRejects('permission_denied');
  });

  it('a bulk-imported first revision may be published by the importing supervisor', () => {
    const imported: ArticleCommand = { ...draft({}, reviewer), data: { ...(draft().data as object), origin: 'imported' } } as ArticleCommand;
    given(imported, cmd('SubmitForReview', { note: '' }, reviewer))
      .when(cmd('PublishArticle', { note: 'import' }, reviewer))
      .then([{ type: 'ArticleApproved' }, { type: 'ArticlePublished' }]);
  });

  it('a proposal learned from resolved tickets is drafted by the system and handed to review with its reason, once', () => {
    const system: Actor = { kind: 'system', id: 'knowledge-learning' };
    const propose = cmd('ProposeArticle', { articleId: 'a-1', locale: 'en', content: content(), sourceTicketIds: ['t-1', 't-2'], reason: '12 tickets, no article' }, system);
    const state = given()
      .when(propose)
      .then([
        { type: 'ArticleDrafted', data: { origin: 'learned', sourceTicketIds: ['t-1', 't-2'] } },
        { type: 'ArticleSubmittedForReview', data: { note: '12 tickets, no article' } },
      ]);
    expect(state.status).toBe('in_review');
    given(propose).when(propose).then([]);
    // Any human may approve what the system wrote.
    given(propose).when(cmd('PublishArticle', { note: '' }, reviewer)).then([{ type: 'ArticleApproved' }, { type: 'ArticlePublished' }]);
  });

  it('reviewers can send a revision back', () => {
    const state = given(draft(), cmd('SubmitForReview', { note: '' }))
      .when(cmd('RequestChanges', { note: 'cite the policy' }, reviewer))
      .then([{ type: 'ArticleChangesRequested', data: { note: 'cite the policy' } }]);
    expect(state.status).toBe('draft');
  });

  it('a new revision of a published article leaves the published one live until it is published itself', () => {
    const published = [draft(), cmd('SubmitForReview', { note: '' }), cmd('PublishArticle', { note: '' }, reviewer)];
    const state = given(...published).when(cmd('ReviseArticle', { content: content({ title: 'Refund times' }), reason: 'clearer' })).then([{ type: 'ArticleRevised' }]);
    expect(state).toMatchObject({ status: 'draft', publishedRevision: 1 });
  });

  describe('scheduled publishing', () => {
    const approved = [draft(), cmd('SubmitForReview', { note: '' }), cmd('ApproveArticle', { note: '' }, reviewer)];
    const at = '2025-03-02T08:00:00.000Z';

    it('schedules an approved revision for a future time only', () => {
      given(...approved).when(cmd('SchedulePublishing', { publishAt: at }, reviewer)).then([{ type: 'ArticlePublishingScheduled', data: { revision: 1, publishAt: at } }]);
      given(...approved).when(cmd('SchedulePublishing', { publishAt: T0 }, reviewer)).thenRejects('invalid_command', /future/);
    });

    it('the sweeper publishes when due, not before, and only once', () => {
      const scheduled = [...approved, cmd('SchedulePublishing', { publishAt: at }, reviewer)];
      const sweeper: Actor = { kind: 'system', id: 'knowledge.publisher' };
      given(...scheduled).when(cmd('PublishDue', {}, sweeper, '2025-03-02T07:59:59.000Z')).then([]);
      given(...scheduled).when(cmd('PublishDue', {}, sweeper, at)).then([{ type: 'ArticlePublished', data: { scheduled: true, approvedBy: 'sup-1' } }]);
      given(...scheduled, cmd('PublishDue', {}, sweeper, at)).when(cmd('PublishDue', {}, sweeper, at)).then([]);
    });

    it('a revision after scheduling cancels the schedule', () => {
      given(...approved, cmd('SchedulePublishing', { publishAt: at }, reviewer), cmd('ReviseArticle', { content: content({ title: 'x' }), reason: '' }))
        .when(cmd('PublishDue', {}, reviewer, at))
        .then([]);
    });
  });

  it('retires from any status, once, and then refuses edits', () => {
    given(draft()).when(cmd('RetireArticle', { reason: 'obsolete' }, reviewer)).then([{ type: 'ArticleRetired', data: { reason: 'obsolete' } }]);
    given(draft(), cmd('RetireArticle', { reason: '' }, reviewer)).when(cmd('RetireArticle', { reason: '' }, reviewer)).then([]);
    given(draft(), cmd('RetireArticle', { reason: '' }, reviewer)).when(cmd('ReviseArticle', { content: content({ title: 'y' }), reason: '' })).thenRejects('invalid_transition');
  });

  it('links translations, but not to itself', () => {
    given(draft()).when(cmd('LinkTranslation', { translationOf: 'a-0' })).then([{ type: 'ArticleTranslationLinked', data: { translationOf: 'a-0' } }]);
    given(draft()).when(cmd('LinkTranslation', { translationOf: 'a-1' })).thenRejects('invalid_command');
  });

  it('records feedback on the published revision only', () => {
    given(draft()).when(cmd('RecordFeedback', { helpful: true, source: 'customer', ticketId: null, comment: null, offerId: null })).thenRejects('invalid_transition');
    const state = given(draft(), cmd('SubmitForReview', { note: '' }), cmd('PublishArticle', { note: '' }, reviewer))
      .when(cmd('RecordFeedback', { helpful: false, source: 'agent', ticketId: 't-1', comment: 'outdated', offerId: null }))
      .then([{ type: 'ArticleFeedbackRecorded', data: { revision: 1, helpful: false, offerId: null } }]);
    expect(state).toMatchObject({ helpful: 0, notHelpful: 1 });
  });

  it('counts a self-service offer once, whatever the redeliveries; direct votes are never deduplicated', () => {
    const customer: Actor = { kind: 'customer', id: 'cust-1' };
    const published = [draft(), cmd('SubmitForReview', { note: '' }), cmd('PublishArticle', { note: '' }, reviewer)];
    const declined = (offerId: string) => cmd('RecordFeedback', { helpful: false, source: 'customer', ticketId: 't-1', comment: null, offerId }, customer);
    given(...published).when(declined('offer-1')).then([{ type: 'ArticleFeedbackRecorded', data: { helpful: false, offerId: 'offer-1', ticketId: 't-1' } }]);
    const after = given(...published, declined('offer-1'), declined('offer-2'), declined('offer-1')).when(declined('offer-2')).then([]);
    expect(after).toMatchObject({ helpful: 0, notHelpful: 2 });
    const direct = cmd('RecordFeedback', { helpful: true, source: 'customer', ticketId: 't-1', comment: null, offerId: null }, customer);
    expect(given(...published, direct, direct).when(direct).then([{ type: 'ArticleFeedbackRecorded' }])).toMatchObject({ helpful: 3 });
  });

  it("answers another tenant's article as not found", () => {
    const other: ArticleCommand = { type: 'RetireArticle', metadata: meta(reviewer, T0, 'globex'), data: { reason: '' } };
    given(draft()).when(other).thenRejects('article_not_found');
    given().when(cmd('SubmitForReview', { note: '' })).thenRejects('article_not_found');
  });
});
