import { Inject, Injectable } from '@nestjs/common';
import { streamId, type CommandMetadata } from '@ticketing/contracts';
import { aggregateStream, handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { createTwoFilesPatch } from 'diff';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { ArticleDomainError, articleDecider, type ArticleCommand, type ArticleState } from './article.decider';

const NAMESPACE = 'b3f0e7a4-5c1d-4f7e-8a2b-9d6c0e1f2a3b';

export interface ArticleCommandResult {
  articleId: string;
  /** Stream revision: the ETag for the next If-Match. */
  revision: number;
  status: string;
  articleRevision: number;
}

/** Tenant in the stream id: two tenants may both import an article called "kb-refund". */
export function articleStream(tenantId: string, articleId: string): string {
  return streamId('article', `${tenantId}.${articleId}`);
}

/** A retried create with the same Idempotency-Key lands on the same article. */
export function articleIdFor(tenantId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey ? uuidv5(`${tenantId}\u0000article\u0000${idempotencyKey}`, NAMESPACE) : uuidv7();
}

/** Article commands: load the stream, decide, append with the revision read (If-Match → 409). */
@Injectable()
export class ArticlesService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run(articleId: string, command: ArticleCommand, expectedRevision?: number): Promise<ArticleCommandResult> {
    const result = await handleCommand({
      store: this.store,
      streamId: articleStream(command.metadata.tenantId, articleId),
      decider: articleDecider,
      command,
      expectedRevision,
      validate: validateNewEvent,
    });
    const state = result.state;
    return { articleId, revision: result.nextExpectedRevision, status: state.status, articleRevision: state.revisions.length };
  }

  /** The article as of now (or a stream revision), for the caller's tenant only. */
  async load(tenantId: string, articleId: string, untilRevision?: number): Promise<{ state: ArticleState; revision: number }> {
    const folded = await aggregateStream(this.store, articleStream(tenantId, articleId), articleDecider.evolve, articleDecider.initialState, { untilRevision });
    if (!folded.state.exists || folded.state.tenantId !== tenantId) throw new ArticleDomainError('article_not_found', 'article not found');
    return folded;
  }

  async history(tenantId: string, articleId: string) {
    await this.load(tenantId, articleId);
    const events = await this.store.readStream(articleStream(tenantId, articleId));
    return events.map(({ streamPosition, type, occurredAt, actor, data }) => ({ streamPosition, type, occurredAt, actor, data }));
  }

  /** A unified diff of title and body between two article revisions. */
  async diff(tenantId: string, articleId: string, from: number, to: number): Promise<{ from: number; to: number; patch: string }> {
    const { state } = await this.load(tenantId, articleId);
    const pick = (n: number) => {
      const r = state.revisions.find((x) => x.revision === n);
      if (!r) throw new ArticleDomainError('invalid_command', `revision ${n} does not exist (the article has 1..${state.revisions.length})`);
      return `# ${r.title}\n\n${r.body}\n\ncategory: ${r.category}\naudience: ${r.audience}\ntags: ${r.tags.join(', ')}\n`;
    };
    return { from, to, patch: createTwoFilesPatch(`revision ${from}`, `revision ${to}`, pick(from), pick(to)) };
  }
}

export type { CommandMetadata };
