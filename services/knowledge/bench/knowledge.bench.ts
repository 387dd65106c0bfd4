import { cpus } from 'node:os';
/**
 * `npm run bench:knowledge`: search quality on the labelled query set, calibration of self-service
 * answers, and search latency over 10,000 articles. Prints each figure beside its target; the last
 * line is one JSON object. Never part of the tests.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_ANSWER_THRESHOLD, DEFAULT_CONFIDENCE_MODEL, fitConfidenceModel } from '../src/answering/answer-confidence';
import { answerSamples, evaluateAnswers, evaluateRelevance, type AnswerSample } from '../src/searching/relevance-evaluation';
import { indexedFromRecord, judgedSeedQueries, seedIndex } from '../seed/seed-index';
import { seedArticles, type ArticleRecord } from '../seed/seed-articles';

const TOTAL_ARTICLES = 10_000;
const SEARCHES = 5_000;

/** Deterministic PRNG (mulberry32), so every run measures the same corpus. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS_EN = ['wireless earbuds', 'running shoes', 'rice cooker', 'winter jacket', 'phone case', 'desk lamp', 'yoga mat', 'coffee grinder', 'backpack', 'smart watch', 'blender', 'face cream'];
const PRODUCTS_ZH = ['无线耳机', '跑步鞋', '电饭煲', '羽绒服', '手机壳', '台灯', '瑜伽垫', '磨豆机', '双肩包', '智能手表', '破壁机', '面霜'];
const SENTENCES_EN = [
  'The {p} comes in {n} colours and weighs {n}0 g.',
  'Clean the {p} with a soft, dry cloth; do not use solvents.',
  'Charge the {p} fully before first use; a full charge takes {n} hours.',
  'Our {p} is made of recycled materials and certified by an independent lab.',
  'Compare the {p} sizes in the size chart before you order.',
  'Store the {p} in a cool place away from direct sunlight.',
  'The {p} bundle includes a travel pouch and a spare part.',
  'Customers who bought the {p} also liked our new season collection.',
  'Register the {p} in the app to receive firmware updates and tips.',
  'The {p} was rated {n} stars by our members last month.',
];
const SENTENCES_ZH = [
  '{p}有{n}种颜色可选，重量约{n}00克。',
  '请用柔软干布清洁{p}，不要使用溶剂。',
  '{p}首次使用前请充满电，充满约需{n}小时。',
  '这款{p}采用环保材料，并通过第三方检测认证。',
  '下单前请参考尺码表选择合适的{p}。',
  '{p}请存放在阴凉处，避免阳光直射。',
  '{p}套装附赠收纳袋和备用配件。',
  '购买{p}的顾客也喜欢我们的新季系列。',
  '在App中注册{p}，可以获取固件更新和使用技巧。',
  '上个月会员给{p}打了{n}星好评。',
];

/**
 * Distractors: product guides (care, specs, sizes) in the same three locales and categories. They
 * share the shop's vocabulary (order, app, colour, 尺码…) but answer none of the labelled queries,
 * so the figures over 10,000 articles measure ranking amid noise, not a trick of the corpus.
 */
function syntheticArticles(count: number, seed: ArticleRecord[]): ArticleRecord[] {
  const rand = random(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const fill = (sentence: string, product: string) => sentence.replace(/\{p\}/g, product).replace(/\{n\}/g, () => String(2 + Math.floor(rand() * 7)));
  return Array.from({ length: count }, (_, i) => {
    const locale = pick(['en', 'zh-CN', 'zh-TW'] as const);
    const zh = locale !== 'en';
    const product = zh ? pick(PRODUCTS_ZH) : pick(PRODUCTS_EN);
    const template = pick(seed.filter((a) => a.locale === locale));
    const sentences = Array.from({ length: 3 + Math.floor(rand() * 5) }, () => fill(pick(zh ? SENTENCES_ZH : SENTENCES_EN), product));
    return {
      ...template,
      articleId: `synthetic-${i}`,
      translationOf: null,
      title: zh ? `${product}使用指南 ${i}` : `${product} guide ${i}`,
      body: sentences.join(zh ? '' : ' '),
      tags: [product],
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Precision at the default threshold of a model fitted without the fold it is tested on. */
function crossValidatedPrecision(samples: AnswerSample[], folds = 5): { precision: number; answered: number; correct: number } {
  let answered = 0;
  let correct = 0;
  for (let f = 0; f < folds; f++) {
    const train = samples.filter((_, i) => i % folds !== f);
    const test = samples.filter((_, i) => i % folds === f);
    const report = evaluateAnswers(test, test.length, test.length, fitConfidenceModel(train), DEFAULT_ANSWER_THRESHOLD);
    answered += report.answered;
    correct += report.correct;
  }
  return { precision: answered ? correct / answered : 1, answered, correct };
}

function main(): void {
  const queries = judgedSeedQueries();
  const answerable = queries.filter((q) => q.relevant.length > 0).length;
  const small = seedIndex();
  const relevance = evaluateRelevance(small, queries);
  const samples = answerSamples(small, queries);
  const answers = evaluateAnswers(samples, queries.length, answerable, DEFAULT_CONFIDENCE_MODEL, DEFAULT_ANSWER_THRESHOLD);
  const cv = crossValidatedPrecision(samples);

  const seed = seedArticles();
  const big = seedIndex();
  const buildStart = performance.now();
  for (const record of syntheticArticles(TOTAL_ARTICLES - seed.length, seed)) big.upsert(indexedFromRecord(record));
  const buildMs = performance.now() - buildStart;
  const bigRelevance = evaluateRelevance(big, queries);

  const timings: number[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const query = queries[i % queries.length];
    const start = performance.now();
    big.search({ text: query.q, locale: i % 4 === 0 ? undefined : query.locale, audiences: ['public', 'internal'], limit: 10 });
    timings.push(performance.now() - start);
  }
  timings.sort((a, b) => a - b);
  const p50 = percentile(timings, 50);
  const p99 = percentile(timings, 99);

  const rows: Array<[string, string, string]> = [
    ['labelled queries (answerable / not)', `${answerable} / ${queries.length - answerable}`, ''],
    ['recall@3 (seed KB, 87 articles)', relevance.recallAt3.toFixed(3), '>= 0.9'],
    ['MRR (seed KB)', relevance.mrr.toFixed(3), ''],
    ['recall@3 among 10,000 articles', bigRelevance.recallAt3.toFixed(3), ''],
    ['MRR among 10,000 articles', bigRelevance.mrr.toFixed(3), ''],
    [`answers given at threshold ${DEFAULT_ANSWER_THRESHOLD} (right/given)`, `${answers.correct}/${answers.answered}`, ''],
    ['answer precision (in-sample)', answers.precision.toFixed(3), '>= 0.9'],
    ['answer precision (5-fold cross-validated fit)', `${cv.precision.toFixed(3)} (${cv.correct}/${cv.answered})`, '>= 0.9'],
    ['answerable questions answered correctly', answers.answerRate.toFixed(3), ''],
    ['index build, 10,000 articles', `${buildMs.toFixed(0)} ms`, ''],
    [`search p50 (${SEARCHES} searches)`, `${p50.toFixed(2)} ms`, ''],
    ['search p99', `${p99.toFixed(2)} ms`, '< 20 ms'],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`knowledge benchmark (node ${process.version}, ${cpus().length} cores)\n`);
  for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(16)}  ${target}`);
  if (relevance.misses.length > 0) {
    console.log('\nqueries whose first hit is not relevant (rank of the first relevant article):');
    for (const miss of relevance.misses) console.log(`  ${miss.rank ?? '-'}\t${miss.q}\t→ ${miss.top}`);
  }
  console.log(
    JSON.stringify({
      recall_at_3: round(relevance.recallAt3),
      mrr: round(relevance.mrr),
      recall_at_3_10k: round(bigRelevance.recallAt3),
      mrr_10k: round(bigRelevance.mrr),
      answer_precision: round(answers.precision),
      answer_precision_cv: round(cv.precision),
      answer_rate: round(answers.answerRate),
      search_p50_ms: round(p50),
      search_p99_ms: round(p99),
      articles: TOTAL_ARTICLES,
      queries: queries.length,
    }),
  );
}

const round = (x: number) => Math.round(x * 1000) / 1000;

main();
