import { clusterBySimilarity, cosine, inverseDocumentFrequency, termCounts, tfidfVector, topTerms } from './index';

describe('text similarity and clustering', () => {
  const texts = [
    'My refund has not arrived yet',
    'refund not arrived after two weeks',
    'Where is my refund? It has not arrived',
    'The parcel was delivered to the wrong address',
    'parcel delivered to wrong address, please help',
    '退款还没有到账',
    '退款一直没到账怎么办',
  ];
  const counts = texts.map(termCounts);
  const idf = inverseDocumentFrequency(counts);
  const vectors = counts.map((c) => tfidfVector(c, idf));

  it('scores texts about the same problem higher than texts about different ones, in English and Chinese', () => {
    expect(cosine(vectors[0], vectors[1])).toBeGreaterThan(0.2);
    expect(cosine(vectors[0], vectors[3])).toBe(0);
    expect(cosine(vectors[5], vectors[6])).toBeGreaterThan(0.2);
    expect(cosine(vectors[5], vectors[3])).toBe(0);
    expect(cosine(vectors[0], vectors[0])).toBeCloseTo(1, 10);
  });

  it('groups by leader clustering against running centroids', () => {
    const clusters = clusterBySimilarity(texts.map((_, i) => i), (i) => vectors[i], 0.2);
    expect(clusters.map((c) => c.members)).toEqual([[0, 1, 2], [3, 4], [5, 6]]);
    expect(topTerms(clusters[0].centroid, 2)).toEqual(expect.arrayContaining(['refund', 'arriv']));
    expect(topTerms(clusters[2].centroid, 1)[0]).toHaveLength(2);
  });

  it('leaves out empty texts and splits everything apart at an impossible threshold', () => {
    expect(clusterBySimilarity(['', '   '], (t) => tfidfVector(termCounts(t), idf), 0.1)).toEqual([]);
    expect(clusterBySimilarity(texts.map((_, i) => i), (i) => vectors[i], 1.01)).toHaveLength(texts.length);
  });
});
