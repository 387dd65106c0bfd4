import { Bm25Index, highlight, stem, tokenize } from './index';

describe('tokenize', () => {
  it('splits Chinese into single characters and overlapping bigrams, without stop characters alone', () => {
    expect(tokenize('退货运费')).toEqual(['退', '退货', '货', '货运', '运', '运费', '费']);
    expect(tokenize('我的')).toEqual(['我的']);
  });

  it('folds Traditional to Simplified and full-width to ASCII, so zh-TW and zh-CN text meet', () => {
    expect(tokenize('訂單退貨')).toEqual(tokenize('订单退货'));
    expect(tokenize('帳號')).toEqual(tokenize('账号'));
    expect(tokenize('ＡＢＣ１２３')).toEqual(['abc123']);
  });

  it('lower-cases and stems English words and drops stop words', () => {
    expect(tokenize('How do I track my Orders?')).toEqual(['track', 'order']);
    expect(['refunds', 'refunded', 'refunding', 'refund'].map(stem)).toEqual(['refund', 'refund', 'refund', 'refund']);
    expect(stem('deliveries')).toBe('delivery');
  });

  it('handles mixed text', () => {
    expect(tokenize('iPhone 15退款')).toEqual(['iphone', '15', '退', '退款', '款']);
  });
});

describe('Bm25Index', () => {
  const index = () => {
    const i = new Bm25Index<'title' | 'body', { locale: string; helpful: number }>({ fields: { title: 3, body: 1 } });
    i.upsert('refund', { title: 'Refund policy', body: 'Refunds reach your card within 5 business days.' }, { locale: 'en', helpful: 1 });
    i.upsert('track', { title: 'Track your order', body: 'Use the tracking number in the shipping e-mail.' }, { locale: 'en', helpful: 1 });
    i.upsert('refund-zh', { title: '退款多久到账', body: '退款会在5个工作日内退回原支付账户。' }, { locale: 'zh-CN', helpful: 1 });
    i.upsert('logistics-zh', { title: '查询物流', body: '在订单详情中可以看到物流单号和配送进度。退款请看退款说明。' }, { locale: 'zh-CN', helpful: 1 });
    return i;
  };

  it('ranks by relevance, title matches first, in both languages', () => {
    const i = index();
    expect(i.search('when will I get my refund').map((h) => h.id)[0]).toBe('refund');
    expect(i.search('退款什么时候到账').map((h) => h.id)).toEqual(['refund-zh', 'logistics-zh']);
    expect(i.search('物流').map((h) => h.id)).toEqual(['logistics-zh']);
  });

  it('filters on metadata and applies boosts', () => {
    const i = index();
    expect(i.search('refund 退款', { filter: (m) => m.locale === 'en' }).map((h) => h.id)).toEqual(['refund']);
    expect(i.search('退款')[0].id).toBe('refund-zh');
    i.updateMeta('logistics-zh', { locale: 'zh-CN', helpful: 100 });
    const byHelp = i.search('退款', { boost: (m) => m.helpful });
    expect(byHelp[0].id).toBe('logistics-zh');
  });

  it('replaces and removes documents, keeping statistics right', () => {
    const i = index();
    i.upsert('refund', { title: 'Payment methods', body: 'We accept cards.' }, { locale: 'en', helpful: 1 });
    expect(i.search('refund policy').map((h) => h.id)).toEqual([]);
    expect(i.remove('track')).toBe(true);
    expect(i.remove('track')).toBe(false);
    expect(i.search('tracking').map((h) => h.id)).toEqual([]);
    expect(i.size).toBe(3);
  });

  it('survives compaction after many removals', () => {
    const i = new Bm25Index<'title' | 'body', null>({ fields: { title: 2, body: 1 } });
    for (let n = 0; n < 3000; n++) i.upsert(`d${n}`, { title: `doc ${n}`, body: n % 2 ? 'odd number' : 'even number' }, null);
    for (let n = 0; n < 2500; n++) i.remove(`d${n}`);
    expect(i.size).toBe(500);
    const hits = i.search('odd', { limit: 1000 });
    expect(hits).toHaveLength(250);
    expect(hits.every((h) => Number(h.id.slice(1)) >= 2500)).toBe(true);
  });

  it('returns nothing for a query without terms', () => {
    expect(index().search('the of 的')).toEqual([]);
  });
});

describe('highlight', () => {
  it('marks matches, merges adjacent ones and escapes the rest', () => {
    expect(highlight('退款会在5个工作日内退回', ['退款', '退'])).toBe('<mark>退款</mark>会在5个工作日内<mark>退</mark>回');
    expect(highlight('Refunds <fast> & easy', ['refund'])).toBe('<mark>Refunds</mark> &lt;fast&gt; &amp; easy');
  });

  it('cuts a window around the densest matches', () => {
    const text = `${'x '.repeat(200)}the refund policy${' y'.repeat(200)}`;
    const snippet = highlight(text, ['refund', 'policy'], { window: 40 });
    expect(snippet).toContain('<mark>refund policy</mark>');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
  });
});
