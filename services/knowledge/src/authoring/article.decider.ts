import {
  ArticleApproved,
  ArticleChangesRequested,
  ArticleDrafted,
  ArticleFeedbackRecorded,
  ArticlePublished,
  ArticlePublishingScheduled,
  ArticleRetired,
  ArticleRevised,
  ArticleSubmittedForReview,
  ArticleTranslationLinked,
  type Actor,
  type ArticleContent,
  type ArticleLocale,
  type ArticleOrigin,
  type CommandMetadata,
  type EventEnvelope,
  type FeedbackSource,
  type NewEvent,
  stampEvent,
} from '@ticketing/contracts';

/**
 * The article aggregate (`article-<tenant>.<id>`). Pure: no I/O, no clock (time comes with the
 * command). Lifecycle: draft → in_review → approved → published, and retired from anywhere. A
 * published article stays live while its next revision goes through review, so editing never takes
 * an answer away from customers.
 */
export type ArticleStatus = 'draft' | 'in_review' | 'approved' | 'published' | 'retired';

export interface ArticleRevisionRecord extends ArticleContent {
  revision: number;
  author: Actor;
  at: string;
  reason: string;
}

export interface ArticleApproval {
  revision: number;
  by: string;
  at: string;
  note: string;
}

export interface ArticleState {
  exists: boolean;
  tenantId: string | null;
  articleId: string | null;
  locale: ArticleLocale | null;
  translationOf: string | null;
  origin: ArticleOrigin | null;
  status: ArticleStatus;
  /** Every revision, oldest first: the diffable history. */
  revisions: ArticleRevisionRecord[];
  publishedRevision: number | null;
  /** Who approved what, in order. */
  approvals: ArticleApproval[];
  scheduled: { revision: number; publishAt: string } | null;
  helpful: number;
  notHelpful: number;
  /** Self-service offers already counted as votes, newest first (shared, never copied: folding stays O(n)). */
  offerVotes: OfferVote | null;
}

/** An immutable list cell: one self-service offer counted on this article. */
export interface OfferVote {
  offerId: string;
  previous: OfferVote | null;
}

/** Whether the vote of this self-service offer is already counted. */
export function hasOfferVote(state: ArticleState, offerId: string): boolean {
  for (let cell = state.offerVotes; cell !== null; cell = cell.previous) if (cell.offerId === offerId) return true;
  return false;
}

type Command<T extends string, D> = { type: T; metadata: CommandMetadata; data: D };

export type ArticleCommand =
  | Command<'DraftArticle', { articleId: string; locale: ArticleLocale; content: ArticleContent; translationOf: string | null; origin: ArticleOrigin; sourceTicketIds: string[] }>
  /** Learning's proposal: a draft built from resolved tickets, handed straight to review with the reason as note. */
  | Command<'ProposeArticle', { articleId: string; locale: ArticleLocale; content: ArticleContent; sourceTicketIds: string[]; reason: string }>
  | Command<'ReviseArticle', { content: ArticleContent; reason: string }>
  | Command<'SubmitForReview', { note: string }>
  | Command<'RequestChanges', { note: string }>
  | Command<'ApproveArticle', { note: string }>
  /** Publishes the approved revision; from `in_review` it approves and publishes at once. */
  | Command<'PublishArticle', { note: string }>
  | Command<'SchedulePublishing', { publishAt: string }>
  /** The sweeper's command: publish the scheduled revision if its time has come. */
  | Command<'PublishDue', Record<string, never>>
  | Command<'RetireArticle', { reason: string }>
  | Command<'LinkTranslation', { translationOf: string }>
  /** With `offerId`: the customer's answer to a self-service offer from this article, counted once per offer. */
  | Command<'RecordFeedback', { helpful: boolean; source: FeedbackSource; ticketId: string | null; comment: string | null; offerId: string | null }>;

export type ArticleErrorCode = 'article_not_found' | 'article_already_exists' | 'invalid_transition' | 'invalid_command' | 'permission_denied';

/** Mapped by the platform's problem filter: *_not_found → 404, permission_denied → 403, invalid_command → 422, else 409. */
export class ArticleDomainError extends Error {
  constructor(
    readonly code: ArticleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArticleDomainError';
  }
}

export const initialArticleState = (): ArticleState => ({
  exists: false,
  tenantId: null,
  articleId: null,
  locale: null,
  translationOf: null,
  origin: null,
  status: 'draft',
  revisions: [],
  publishedRevision: null,
  approvals: [],
  scheduled: null,
  helpful: 0,
  notHelpful: 0,
  offerVotes: null,
});

export function currentRevision(state: ArticleState): ArticleRevisionRecord | undefined {
  return state.revisions[state.revisions.length - 1];
}

function requireExisting(state: ArticleState, metadata: CommandMetadata): asserts state is ArticleState & { articleId: string } {
  // Another tenant's article is reported exactly like a missing one, so its existence does not leak.
  if (!state.exists || state.tenantId !== metadata.tenantId) throw new ArticleDomainError('article_not_found', 'article not found');
}

function requireStatus(state: ArticleState, allowed: ArticleStatus[], action: string): void {
  if (!allowed.includes(state.status)) {
    throw new ArticleDomainError('invalid_transition', `cannot ${action} an article in status ${state.status} (allowed from: ${allowed.join(', ')})`);
  }
}

export function decideArticle(command: ArticleCommand, state: ArticleState): NewEvent[] {
  const { metadata } = command;
  if (command.type === 'DraftArticle') {
    if (state.exists) throw new ArticleDomainError('article_already_exists', `article ${command.data.articleId} already exists`);
    const { articleId, locale, content, translationOf, origin, sourceTicketIds } = command.data;
    return [stampEvent(ArticleDrafted, metadata, { articleId, revision: 1, locale, ...content, translationOf, origin, sourceTicketIds })];
  }
  if (command.type === 'ProposeArticle') {
    // Proposals have deterministic ids: a second proposal of the same problem changes nothing.
    if (state.exists) return [];
    const { articleId, locale, content, sourceTicketIds, reason } = command.data;
    return [
      stampEvent(ArticleDrafted, metadata, { articleId, revision: 1, locale, ...content, translationOf: null, origin: 'learned', sourceTicketIds }),
      stampEvent(ArticleSubmittedForReview, metadata, { articleId, revision: 1, note: reason }),
    ];
  }
  requireExisting(state, metadata);
  const articleId = state.articleId;
  const current = currentRevision(state)!;
  switch (command.type) {
    case 'ReviseArticle': {
      requireStatus(state, ['draft', 'in_review', 'approved', 'published'], 'revise');
      const { content, reason } = command.data;
      if (sameContent(current, content)) return [];
      return [stampEvent(ArticleRevised, metadata, { articleId, revision: current.revision + 1, ...content, reason })];
    }
    case 'SubmitForReview':
      requireStatus(state, ['draft'], 'submit for review');
      return [stampEvent(ArticleSubmittedForReview, metadata, { articleId, revision: current.revision, note: command.data.note })];
    case 'RequestChanges':
      requireStatus(state, ['in_review'], 'request changes to');
      return [stampEvent(ArticleChangesRequested, metadata, { articleId, revision: current.revision, note: command.data.note })];
    case 'ApproveArticle':
      requireStatus(state, ['in_review'], 'approve');
      requireOtherReviewer(state, current, metadata.actor);
      return [stampEvent(ArticleApproved, metadata, { articleId, revision: current.revision, note: command.data.note })];
    case 'PublishArticle': {
      requireStatus(state, ['in_review', 'approved'], 'publish');
      requireBody(current);
      const events: NewEvent[] = [];
      if (state.status === 'in_review') {
        requireOtherReviewer(state, current, metadata.actor);
        events.push(stampEvent(ArticleApproved, metadata, { articleId, revision: current.revision, note: command.data.note }));
      }
      const approvedBy = state.status === 'approved' ? approverOf(state, current.revision) : metadata.actor.id;
      events.push(stampEvent(ArticlePublished, metadata, { articleId, revision: current.revision, approvedBy, scheduled: false }));
      return events;
    }
    case 'SchedulePublishing': {
      requireStatus(state, ['approved'], 'schedule');
      requireBody(current);
      const { publishAt } = command.data;
      if (Date.parse(publishAt) <= Date.parse(metadata.now)) {
        throw new ArticleDomainError('invalid_command', 'publishAt must be in the future; publish now instead');
      }
      return [stampEvent(ArticlePublishingScheduled, metadata, { articleId, revision: current.revision, publishAt })];
    }
    case 'PublishDue': {
      // Redelivered or late sweeps find nothing to do: the schedule is cleared by publishing or by a new revision.
      const due = state.scheduled;
      if (state.status !== 'approved' || !due || due.revision !== current.revision) return [];
      if (Date.parse(due.publishAt) > Date.parse(metadata.now)) return [];
      return [stampEvent(ArticlePublished, metadata, { articleId, revision: due.revision, approvedBy: approverOf(state, due.revision), scheduled: true })];
    }
    case 'RetireArticle':
      if (state.status === 'retired') return [];
      return [stampEvent(ArticleRetired, metadata, { articleId, reason: command.data.reason })];
    case 'LinkTranslation':
      requireStatus(state, ['draft', 'in_review', 'approved', 'published'], 'link a translation of');
      if (command.data.translationOf === articleId) throw new ArticleDomainError('invalid_command', 'translationOf: an article cannot translate itself');
      if (state.translationOf === command.data.translationOf) return [];
      return [stampEvent(ArticleTranslationLinked, metadata, { articleId, translationOf: command.data.translationOf })];
    case 'RecordFeedback': {
      if (state.publishedRevision === null) throw new ArticleDomainError('invalid_transition', 'only a published article can receive feedback');
      const { helpful, source, ticketId, comment, offerId } = command.data;
      if (offerId !== null && hasOfferVote(state, offerId)) return []; // redelivered: this offer already voted
      return [stampEvent(ArticleFeedbackRecorded, metadata, { articleId, revision: state.publishedRevision, helpful, source, ticketId, comment, offerId })];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function sameContent(a: ArticleContent, b: ArticleContent): boolean {
  return a.title === b.title && a.body === b.body && a.category === b.category && a.audience === b.audience && a.tags.join('\u0000') === b.tags.join('\u0000');
}

function requireBody(revision: ArticleRevisionRecord): void {
  if (revision.body.trim().length === 0) {
    throw new ArticleDomainError('invalid_command', `body: revision ${revision.revision} has no body; an article needs one before it can be published`);
  }
}

/** Four eyes: whoever wrote the revision may not approve it. A bulk import's first revision was
 * reviewed where it came from; the importing supervisor answers for it. */
function requireOtherReviewer(state: ArticleState, revision: ArticleRevisionRecord, reviewer: Actor): void {
  if (state.origin === 'imported' && revision.revision === 1) return;
  if (revision.author.id === reviewer.id) {
    throw new ArticleDomainError('permission_denied', `the author of revision ${revision.revision} cannot approve it; another reviewer must`);
  }
}

function approverOf(state: ArticleState, revision: number): string {
  const approval = [...state.approvals].reverse().find((a) => a.revision === revision);
  if (!approval) throw new ArticleDomainError('invalid_transition', `revision ${revision} has not been approved`);
  return approval.by;
}

export function evolveArticle(state: ArticleState, event: EventEnvelope): ArticleState {
  if (ArticleDrafted.is(event)) {
    const { articleId, locale, translationOf, origin, title, body, category, tags, audience } = event.data;
    return {
      ...state,
      exists: true,
      tenantId: event.tenantId,
      articleId,
      locale,
      translationOf,
      origin,
      status: 'draft',
      revisions: [{ revision: 1, title, body, category, tags, audience, author: event.actor, at: event.occurredAt, reason: '' }],
    };
  }
  if (ArticleRevised.is(event)) {
    const { revision, title, body, category, tags, audience, reason } = event.data;
    return {
      ...state,
      status: state.status === 'retired' ? 'retired' : 'draft',
      scheduled: null,
      revisions: [...state.revisions, { revision, title, body, category, tags, audience, author: event.actor, at: event.occurredAt, reason }],
    };
  }
  if (ArticleSubmittedForReview.is(event)) return { ...state, status: 'in_review' };
  if (ArticleChangesRequested.is(event)) return { ...state, status: 'draft' };
  if (ArticleApproved.is(event)) {
    const approval = { revision: event.data.revision, by: event.actor.id, at: event.occurredAt, note: event.data.note };
    return { ...state, status: 'approved', approvals: [...state.approvals, approval] };
  }
  if (ArticlePublishingScheduled.is(event)) return { ...state, scheduled: { revision: event.data.revision, publishAt: event.data.publishAt } };
  if (ArticlePublished.is(event)) return { ...state, status: 'published', publishedRevision: event.data.revision, scheduled: null };
  if (ArticleRetired.is(event)) return { ...state, status: 'retired', scheduled: null };
  if (ArticleTranslationLinked.is(event)) return { ...state, translationOf: event.data.translationOf };
  if (ArticleFeedbackRecorded.is(event)) {
    const { helpful, offerId } = event.data;
    const counted = helpful ? { ...state, helpful: state.helpful + 1 } : { ...state, notHelpful: state.notHelpful + 1 };
    return offerId ? { ...counted, offerVotes: { offerId, previous: state.offerVotes } } : counted;
  }
  return state;
}

export const articleDecider = { decide: decideArticle, evolve: evolveArticle, initialState: initialArticleState };
