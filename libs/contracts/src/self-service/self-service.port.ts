/**
 * What intake asks the knowledge service on instant channels: "is there an article that answers
 * this?". A port, not an import: intake and knowledge are separate services (and may be separate
 * processes); knowledge provides an implementation under SELF_SERVICE_PORT when it runs in the same
 * process, and intake falls back to "no answer" when nothing provides it.
 */
export interface SelfServiceAnswer {
  articleId: string;
  /** Text to offer the customer. */
  answer: string;
  /** How sure knowledge is that the article answers the message, in [0, 1]. */
  confidence: number;
}

export interface SelfServicePort {
  answer(tenantId: string, text: string, locale: string): Promise<SelfServiceAnswer | null>;
}

/** Nest injection token under which a process provides its SelfServicePort. */
export const SELF_SERVICE_PORT = 'ticketing.SelfServicePort';
