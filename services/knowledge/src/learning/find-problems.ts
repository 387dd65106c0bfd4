import { clusterBySimilarity, cosine, inverseDocumentFrequency, termCounts, tfidfVector, topTerms, type TermVector } from '@ticketing/search';

/** A ticket as learning sees it. */
export interface TicketSample {
  ticketId: string;
  category: string;
  subject: string;
  text: string;
  language: string;
  /** When it was resolved (problems) or opened (customer queries): groups are led by the oldest. */
  at: number;
  resolutionSummary: string;
  replies: string[];
}

export interface ProblemGroup {
  category: string;
  /** The subject of the ticket nearest the group's centre. */
  label: string;
  terms: string[];
  count: number;
  /** Tickets of the previous period of the same length that fall into this group. */
  previousCount: number;
  rising: boolean;
  /** Oldest first; the first one (the group's leader) names the group stably. */
  tickets: TicketSample[];
  representative: TicketSample;
}

export interface FindProblemsOptions {
  /** Cosine similarity to a group's centroid needed to join it. */
  similarity?: number;
  /** Groups smaller than this are not problems, just tickets. */
  minCount?: number;
}

export const DEFAULT_SIMILARITY = 0.2;

/** What a ticket is about: its subject counts twice, its first message once. */
const aboutText = (t: TicketSample) => `${t.subject}\n${t.subject}\n${t.text}`;

/**
 * High-frequency problems of a period: resolved tickets grouped by text similarity within their
 * category, with the same groups counted in the previous period to see what is rising. Pure.
 */
export function findProblems(current: TicketSample[], previous: TicketSample[], options: FindProblemsOptions = {}): ProblemGroup[] {
  const similarity = options.similarity ?? DEFAULT_SIMILARITY;
  const minCount = options.minCount ?? 2;
  const problems: ProblemGroup[] = [];
  for (const category of new Set(current.map((t) => t.category))) {
    const now = current.filter((t) => t.category === category).sort((a, b) => a.at - b.at || a.ticketId.localeCompare(b.ticketId));
    const before = previous.filter((t) => t.category === category);
    const counts = new Map<TicketSample, TermVector>([...now, ...before].map((t) => [t, termCounts(aboutText(t))]));
    const idf = inverseDocumentFrequency([...counts.values()]);
    const vectors = new Map([...counts].map(([t, c]) => [t, tfidfVector(c, idf)]));
    const clusters = clusterBySimilarity(now, (t) => vectors.get(t)!, similarity);
    const previousCounts = clusters.map(() => 0);
    for (const ticket of before) {
      let best = -1;
      let bestSimilarity = similarity;
      clusters.forEach((cluster, i) => {
        const s = cosine(vectors.get(ticket)!, cluster.centroid);
        if (s >= bestSimilarity) [best, bestSimilarity] = [i, s];
      });
      if (best >= 0) previousCounts[best]++;
    }
    clusters.forEach((cluster, i) => {
      if (cluster.members.length < minCount) return;
      const representative = cluster.members.reduce((a, b) => (cosine(vectors.get(b)!, cluster.centroid) > cosine(vectors.get(a)!, cluster.centroid) ? b : a));
      const count = cluster.members.length;
      problems.push({
        category,
        label: representative.subject,
        terms: topTerms(cluster.centroid, 5),
        count,
        previousCount: previousCounts[i],
        rising: isRising(count, previousCounts[i], minCount),
        tickets: cluster.members,
        representative,
      });
    });
  }
  return problems.sort((a, b) => b.count - a.count || Number(b.rising) - Number(a.rising) || a.label.localeCompare(b.label));
}

/** Rising: frequent now, and at least half again as frequent as the period before. */
export function isRising(count: number, previousCount: number, minCount: number): boolean {
  return count >= minCount && count >= Math.max(previousCount * 1.5, previousCount + 2);
}
