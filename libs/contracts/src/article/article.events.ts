import { arrayOf, boolean, defineEvent, integer, nullable, oneOf, string, timestamp } from '../ticket/events-kit';
import { StreamCategory } from '../streams';
import { CATEGORIES, type Category } from '../ticket/vocabulary';

/**
 * Knowledge articles live in `article-<tenantId>.<articleId>`; the knowledge service owns them.
 * Every revision is an event of its own (never an update in place), so each one stays readable and
 * diffable, and every review decision names who made it about which revision.
 */

/** Locales the knowledge base can search (the tokeniser handles Chinese and Latin scripts). */
export const ARTICLE_LOCALES = ['zh-CN', 'zh-TW', 'zh-HK', 'en'] as const;
export type ArticleLocale = (typeof ARTICLE_LOCALES)[number];

/** `public` articles answer customers; `internal` ones only help agents. */
export const ARTICLE_AUDIENCES = ['public', 'internal'] as const;
export type ArticleAudience = (typeof ARTICLE_AUDIENCES)[number];

/** How an article came to be: written in the UI, brought in by a bulk import, or proposed from resolved tickets. */
export const ARTICLE_ORIGINS = ['authored', 'imported', 'learned'] as const;
export type ArticleOrigin = (typeof ARTICLE_ORIGINS)[number];

export const FEEDBACK_SOURCES = ['customer', 'agent'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

export const ARTICLE_LIMITS = { title: 300, body: 100_000, tags: 30, tag: 50, reason: 1000 } as const;

/** The editable content of one revision. */
export interface ArticleContent {
  title: string;
  /** Markdown. May be empty in a draft; publishing requires a body. */
  body: string;
  category: Category;
  tags: string[];
  audience: ArticleAudience;
}

const articleId = string('The article; its stream is `article-<tenantId>.<articleId>`.', { maxLength: 200 });
const revision = integer('Revision number the event is about (1 = the first draft).', { min: 1 });
const content = {
  title: string('Title.', { maxLength: ARTICLE_LIMITS.title }),
  body: string('Body as Markdown (may be empty in a draft).', { allowEmpty: true, maxLength: ARTICLE_LIMITS.body }),
  category: oneOf(CATEGORIES, 'Ticket category the article answers (agent assist and learning match on it).'),
  tags: arrayOf(string('A tag.', { maxLength: ARTICLE_LIMITS.tag }), 'Free tags.', { maxItems: ARTICLE_LIMITS.tags }),
  audience: oneOf(ARTICLE_AUDIENCES, '`public` (customers and agents) or `internal` (agents only).'),
};
const reason = string('Why, in the actor’s words.', { allowEmpty: true, maxLength: ARTICLE_LIMITS.reason });

export interface ArticleDraftedData extends ArticleContent {
  articleId: string;
  /** Always 1. */
  revision: number;
  locale: ArticleLocale;
  /** The article this one translates (same content in another locale), if any. */
  translationOf: string | null;
  origin: ArticleOrigin;
  /** For `learned` drafts: the resolved tickets whose resolutions it was built from. */
  sourceTicketIds: string[];
}

export const ArticleDrafted = defineEvent<'ArticleDrafted', ArticleDraftedData>({
  type: 'ArticleDrafted',
  summary: 'A new article exists as revision 1, in status `draft`.',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge'],
  schema: {
    articleId,
    revision: integer('Always 1.', { min: 1, max: 1 }),
    locale: oneOf(ARTICLE_LOCALES, 'Language of the article.'),
    ...content,
    translationOf: nullable(string('Article this one translates.', { maxLength: 200 })),
    origin: oneOf(ARTICLE_ORIGINS, 'Authored, imported or learned from resolved tickets.'),
    sourceTicketIds: arrayOf(string('A ticket id.'), 'Resolved tickets a learned draft was built from.', { maxItems: 100 }),
  },
});

export interface ArticleRevisedData extends ArticleContent {
  articleId: string;
  revision: number;
  reason: string;
}

export const ArticleRevised = defineEvent<'ArticleRevised', ArticleRevisedData>({
  type: 'ArticleRevised',
  summary: 'A new revision of the content; the workflow starts again at `draft` (a published revision stays live until the new one is published).',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge'],
  schema: { articleId, revision: integer('The new revision number.', { min: 2 }), ...content, reason },
});

export interface ArticleReviewData {
  articleId: string;
  revision: number;
  note: string;
}

const reviewSchema = { articleId, revision, note: string('Note for the reviewer or author.', { allowEmpty: true, maxLength: ARTICLE_LIMITS.reason }) };

export const ArticleSubmittedForReview = defineEvent<'ArticleSubmittedForReview', ArticleReviewData>({
  type: 'ArticleSubmittedForReview',
  summary: 'The author asks for review of a revision (`draft` → `in_review`).',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge'],
  schema: reviewSchema,
});

export const ArticleChangesRequested = defineEvent<'ArticleChangesRequested', ArticleReviewData>({
  type: 'ArticleChangesRequested',
  summary: 'A reviewer sent the revision back (`in_review` → `draft`); the actor is the reviewer.',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge'],
  schema: reviewSchema,
});

export const ArticleApproved = defineEvent<'ArticleApproved', ArticleReviewData>({
  type: 'ArticleApproved',
  summary: 'A reviewer approved exactly this revision (`in_review` → `approved`); the actor is the approver.',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge'],
  schema: reviewSchema,
});

export interface ArticlePublishingScheduledData {
  articleId: string;
  revision: number;
  publishAt: string;
}

export const ArticlePublishingScheduled = defineEvent<'ArticlePublishingScheduled', ArticlePublishingScheduledData>({
  type: 'ArticlePublishingScheduled',
  summary: 'The approved revision will be published at `publishAt` by the knowledge sweeper (a later schedule replaces it).',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge'],
  schema: { articleId, revision, publishAt: timestamp('When to publish.') },
});

export interface ArticlePublishedData {
  articleId: string;
  revision: number;
  /** Who approved the revision now live (the four-eyes record). */
  approvedBy: string;
  /** Published by the sweeper at its scheduled time rather than by a person. */
  scheduled: boolean;
}

export const ArticlePublished = defineEvent<'ArticlePublished', ArticlePublishedData>({
  type: 'ArticlePublished',
  summary: 'The revision is live: searchable, suggestible and (if public) used for self-service answers.',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge'],
  schema: {
    articleId,
    revision,
    approvedBy: string('Actor id of the approver of this revision.', { maxLength: 200 }),
    scheduled: boolean('Published by the schedule sweeper.'),
  },
});

export interface ArticleRetiredData {
  articleId: string;
  reason: string;
}

export const ArticleRetired = defineEvent<'ArticleRetired', ArticleRetiredData>({
  type: 'ArticleRetired',
  summary: 'The article is withdrawn: no longer searchable or editable; its history stays.',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge'],
  schema: { articleId, reason },
});

export interface ArticleTranslationLinkedData {
  articleId: string;
  /** The article this one translates; translations share the group of their source. */
  translationOf: string;
}

export const ArticleTranslationLinked = defineEvent<'ArticleTranslationLinked', ArticleTranslationLinkedData>({
  type: 'ArticleTranslationLinked',
  summary: 'The article is marked as a translation of another article of the tenant (in another locale).',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge'],
  schema: { articleId, translationOf: string('Article this one translates.', { maxLength: 200 }) },
});

export interface ArticleFeedbackRecordedData {
  articleId: string;
  /** The revision the reader saw. */
  revision: number;
  helpful: boolean;
  source: FeedbackSource;
  ticketId: string | null;
  comment: string | null;
  /** The self-service offer the customer accepted (helpful) or declined (not); at most one vote per offer. */
  offerId: string | null;
}

export const ArticleFeedbackRecorded = defineEvent<'ArticleFeedbackRecorded', ArticleFeedbackRecordedData>({
  type: 'ArticleFeedbackRecorded',
  schemaVersion: 2,
  summary:
    'A customer or agent found the article helpful or not (also: a customer accepted or declined a self-service answer from it); feeds ranking and flags weak articles.',
  streamCategory: StreamCategory.article,
  producers: ['knowledge'],
  consumers: ['knowledge', 'feedback'],
  schema: {
    articleId,
    revision,
    helpful: boolean('Helpful or not.'),
    source: oneOf(FEEDBACK_SOURCES, 'Who gave it.'),
    ticketId: nullable(string('Ticket in whose context it was given.')),
    comment: nullable(string('Free text.', { maxLength: ARTICLE_LIMITS.reason })),
    offerId: nullable(string('Self-service offer answered (SelfServiceOfferAnswered) this vote counts; null for a vote given directly.', { maxLength: 200 })),
  },
  upcasters: [{ fromVersion: 1, description: 'adds `offerId`, null: v1 votes were all given directly.', upcast: (data) => ({ ...data, offerId: null }) }],
});

export const articleEventDefinitions = [
  ArticleDrafted,
  ArticleRevised,
  ArticleSubmittedForReview,
  ArticleChangesRequested,
  ArticleApproved,
  ArticlePublishingScheduled,
  ArticlePublished,
  ArticleRetired,
  ArticleTranslationLinked,
  ArticleFeedbackRecorded,
] as const;

export type ArticleEvent = (typeof articleEventDefinitions)[number];
