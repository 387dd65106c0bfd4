import { DEFAULT_ANSWER_THRESHOLD, DEFAULT_CONFIDENCE_MODEL } from '../answering/answer-confidence';
import { answerFrom } from '../answering/self-service-answer';
import { answerSamples, evaluateAnswers, evaluateRelevance } from './relevance-evaluation';
import { judgedSeedQueries, seedIndex } from '../../seed/seed-index';

/** Quality gates on the published seed knowledge base and labelled query set (no timing here: see bench). */
describe('seed knowledge base × labelled queries', () => {
  const index = seedIndex();
  const queries = judgedSeedQueries();

  it('has Chinese (both scripts) and English queries, answerable and not', () => {
    const byLocale = (l: string) => queries.filter((q) => q.locale === l).length;
    expect(byLocale('en')).toBeGreaterThanOrEqual(50);
    expect(byLocale('zh-CN')).toBeGreaterThanOrEqual(50);
    expect(byLocale('zh-TW')).toBeGreaterThanOrEqual(25);
    expect(queries.filter((q) => q.relevant.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  it('finds a right article in the top 3 for at least 90% of the queries', () => {
    const report = evaluateRelevance(index, queries);
    expect(report.recallAt3).toBeGreaterThanOrEqual(0.9);
    expect(report.mrr).toBeGreaterThanOrEqual(0.85);
  });

  it('self-service answers above the default threshold are right at least 90% of the time', () => {
    const samples = answerSamples(index, queries);
    const report = evaluateAnswers(samples, queries.length, queries.filter((q) => q.relevant.length).length, DEFAULT_CONFIDENCE_MODEL, DEFAULT_ANSWER_THRESHOLD);
    expect(report.precision).toBeGreaterThanOrEqual(0.9);
    // …and still answers most answerable questions, or the gate would be trivially met by silence.
    expect(report.answerRate).toBeGreaterThanOrEqual(0.6);
  });

  it('answers a clear question and stays silent on one the knowledge base cannot answer', () => {
    expect(answerFrom(index, { text: '退款多久會到帳', locale: 'zh-TW' })).toMatchObject({ articleId: 'kb-refund-time-zh-tw' });
    expect(answerFrom(index, { text: 'what is the weather like in Shanghai', locale: 'en' })).toBeNull();
  });

  it('never answers customers from internal articles', () => {
    const hit = index.search({ text: '补偿标准 审批', locale: 'zh-CN', audiences: ['public'] }).hits.find((h) => h.articleId === 'kb-goodwill-compensation-zh-cn');
    expect(hit).toBeUndefined();
    expect(index.search({ text: '补偿标准 审批', locale: 'zh-CN', audiences: ['internal'] }).hits[0].articleId).toBe('kb-goodwill-compensation-zh-cn');
  });

  it('highlights the matched words in the snippet', () => {
    const [hit] = index.search({ text: 'refund credit card', locale: 'en', audiences: ['public'] }).hits;
    expect(hit.snippet).toMatch(/<mark>[^<]*(refund|credit card)/i);
  });
});
