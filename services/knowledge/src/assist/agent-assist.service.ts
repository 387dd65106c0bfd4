import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_MACROS } from '@ticketing/contracts';
import { Bm25Index } from '@ticketing/search';
import type { DataSource } from 'typeorm';
import { ArticleSearchService } from '../searching/article-search.service';
import type { ArticleHit } from '../searching/knowledge-index';
import { KnowledgeMacro, KnowledgeTicket } from './knowledge-ticket.entity';

export interface MacroSuggestion {
  macroId: string;
  name: string;
  category: string | null;
  /** Text relevance (0..1 of what a macro matching every term reaches) plus a bonus for the ticket's category. */
  score: number;
}

export interface TicketSuggestions {
  ticketId: string;
  category: string | null;
  articles: ArticleHit[];
  macros: MacroSuggestion[];
}

/** A macro of the ticket's own category gets this much on top of its text score (0..1). */
const MACRO_CATEGORY_BONUS = 0.3;
/** Characters of the ticket's text used as the query: the gist, not the whole thread. */
const QUERY_CHARS = 1000;

/**
 * Agent assist: for a ticket (as knowledge.tickets knows it), the articles (public and internal)
 * and macros that fit its text, ranked; its category ranks same-category articles and macros higher
 * without hiding the others.
 */
@Injectable()
export class AgentAssistService {
  constructor(
    private readonly search: ArticleSearchService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async forTicket(tenantId: string, ticketId: string, limit = 5): Promise<TicketSuggestions> {
    const ticket = await this.dataSource.getRepository(KnowledgeTicket).findOneBy({ tenantId, ticketId });
    // Another tenant's ticket is indistinguishable from a missing one.
    if (!ticket) throw new NotFoundException(`ticket ${ticketId} is not known to knowledge (yet)`);
    const text = `${ticket.subject}\n${ticket.text}`.slice(0, QUERY_CHARS);
    const category = ticket.category ?? undefined;
    const index = await this.search.indexFor(tenantId);
    const { hits } = index.search({ text, audiences: ['public', 'internal'], preferCategory: category, limit });
    const macros = tenantMacros(await this.dataSource.getRepository(KnowledgeMacro).findBy({ tenantId }));
    return { ticketId, category: ticket.category, articles: hits, macros: rankMacros(macros, text, ticket.category, limit) };
  }
}

/** A macro as agent assist ranks it. */
export type RankableMacro = Pick<KnowledgeMacro, 'macroId' | 'name' | 'body' | 'category' | 'tags'>;

/**
 * The tenant's macros as resolution sees them: the defaults (libs/contracts) it neither overrode nor
 * removed, plus the ones it saved. `rows` are its knowledge.macros rows, tombstones included.
 */
export function tenantMacros(rows: KnowledgeMacro[]): RankableMacro[] {
  const known = new Set(rows.map((r) => r.macroId));
  const defaults = DEFAULT_MACROS.filter((m) => !known.has(m.macroId)).map(({ macroId, name, body, category, addTags }) => ({ macroId, name, body, category, tags: addTags }));
  return [...defaults, ...rows.filter((r) => !r.removed)];
}

/** Ranks a tenant's macros (a few dozen) for a ticket text: BM25F over name, tags and body. */
export function rankMacros(macros: RankableMacro[], text: string, category: string | null, limit: number): MacroSuggestion[] {
  if (macros.length === 0) return [];
  const index = new Bm25Index<'name' | 'tags' | 'body', RankableMacro>({ fields: { name: 3, tags: 2, body: 1 } });
  for (const macro of macros) index.upsert(macro.macroId, { name: macro.name, tags: macro.tags.join(' '), body: stripTemplate(macro.body) }, macro);
  const terms = index.queryTerms(text);
  const ideal = index.idealScore(terms);
  const textScore = new Map(index.search(terms, { limit: macros.length }).map((hit) => [hit.id, ideal > 0 ? Math.min(1, hit.score / ideal) : 0]));
  return macros
    .map((m) => ({
      macroId: m.macroId,
      name: m.name,
      category: m.category,
      score: round((textScore.get(m.macroId) ?? 0) + (category !== null && m.category === category ? MACRO_CATEGORY_BONUS : 0)),
    }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Mustache tags ({{ticket.subject}}) are placeholders, not words the customer wrote. */
function stripTemplate(body: string): string {
  return body.replace(/\{\{[^}]*\}\}/g, ' ');
}

const round = (n: number) => Math.round(n * 1000) / 1000;
