import { seededRandom, shuffleInPlace } from './random';

export interface LabelledExample<L extends string = string> {
  features: readonly string[];
  label: L;
  /** Agents' corrections count more than the seed data (default 1). */
  weight?: number;
}

export interface TrainingOptions {
  epochs?: number;
  learningRate?: number;
  /** Folds of cross-validation used to fit the confidence temperature; 0 skips calibration. */
  calibrationFolds?: number;
  seed?: number;
}

export interface Prediction<L extends string = string> {
  label: L;
  /** Calibrated probability of `label`. */
  confidence: number;
  probabilities: Record<L, number>;
}

export interface SerializedModel {
  labels: string[];
  features: string[];
  weights: number[];
  bias: number[];
  temperature: number;
}

const DEFAULTS = { epochs: 0, learningRate: 1.5, calibrationFolds: 3, seed: 7 };

/** Small sets need many passes to converge, large ones few; 0 = choose from the set size. */
function epochsFor(n: number): number {
  return Math.min(100, Math.max(4, Math.round(26_000 / n)));
}

/**
 * Multinomial logistic regression over sparse binary features, trained by averaged SGD.
 * Why this and not naive Bayes: NB's independence assumption makes it badly over-confident on
 * overlapping n-grams (every character trigram also counts its bigrams), and the confidence is what
 * decides whether a ticket goes to a human; a discriminative model plus temperature scaling fitted
 * on held-out folds gives probabilities that mean what they say.
 */
export class SoftmaxRegression<L extends string = string> {
  private constructor(
    readonly labels: readonly L[],
    private readonly index: Map<string, number>,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
    readonly temperature: number,
  ) {}

  static train<L extends string>(examples: readonly LabelledExample<L>[], options: TrainingOptions = {}): SoftmaxRegression<L> {
    const opts = { ...DEFAULTS, ...options };
    if (!opts.epochs) opts.epochs = epochsFor(examples.length);
    if (examples.length === 0) throw new Error('cannot train on no examples');
    const raw = fit(examples, opts);
    const temperature = opts.calibrationFolds >= 2 && examples.length >= opts.calibrationFolds * 4 ? fitTemperature(examples, opts) : 1;
    return new SoftmaxRegression(raw.labels, raw.index, raw.weights, raw.bias, temperature);
  }

  static fromJSON<L extends string>(model: SerializedModel): SoftmaxRegression<L> {
    return new SoftmaxRegression(
      model.labels as L[],
      new Map(model.features.map((f, i) => [f, i])),
      Float32Array.from(model.weights),
      Float32Array.from(model.bias),
      model.temperature,
    );
  }

  toJSON(): SerializedModel {
    return {
      labels: [...this.labels],
      features: [...this.index.keys()],
      weights: [...this.weights],
      bias: [...this.bias],
      temperature: this.temperature,
    };
  }

  get featureCount(): number {
    return this.index.size;
  }

  /**
   * The most probable label. With `among`, only those labels can win: the others' probability mass
   * is dropped and the rest renormalised (a tenant that disabled a category, a category's own
   * subcategories). Labels in `among` the model never saw are ignored; if none is known, all count.
   */
  predict(features: readonly string[], among?: ReadonlySet<string>): Prediction<L> {
    const scores = scoresOf(this.labels.length, this.index, this.weights, this.bias, features);
    const probabilities = softmax(scores, this.temperature);
    if (among && this.labels.some((l) => among.has(l))) {
      let kept = 0;
      this.labels.forEach((label, k) => (among.has(label) ? (kept += probabilities[k]) : (probabilities[k] = 0)));
      for (let k = 0; k < probabilities.length; k++) probabilities[k] /= kept;
    }
    let best = 0;
    for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
    const byLabel = {} as Record<L, number>;
    this.labels.forEach((label, k) => (byLabel[label] = probabilities[k]));
    return { label: this.labels[best], confidence: probabilities[best], probabilities: byLabel };
  }
}

interface RawModel<L extends string> {
  labels: L[];
  index: Map<string, number>;
  weights: Float32Array;
  bias: Float32Array;
}

function fit<L extends string>(examples: readonly LabelledExample<L>[], opts: typeof DEFAULTS): RawModel<L> {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const index = new Map<string, number>();
  const encoded = examples.map((e) => {
    const ids: number[] = [];
    for (const f of e.features) {
      let id = index.get(f);
      if (id === undefined) index.set(f, (id = index.size));
      ids.push(id);
    }
    return { ids, label: labelIndex.get(e.label)!, weight: e.weight ?? 1 };
  });
  const K = labels.length;
  const weights = new Float32Array(index.size * K);
  const bias = new Float32Array(K);
  // Averaged SGD (w_avg = w - u/c): the average of the iterates generalises like a regularised
  // model without a regularisation constant to tune per data set.
  const wSum = new Float32Array(index.size * K);
  const bSum = new Float32Array(K);
  const random = seededRandom(opts.seed);
  const order = encoded.map((_, i) => i);
  const probabilities = new Float64Array(K);
  let step = 1;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    const rate = opts.learningRate / (1 + epoch * 0.5);
    for (const i of order) {
      const { ids, label, weight } = encoded[i];
      if (ids.length === 0) continue;
      const x = 1 / Math.sqrt(ids.length);
      for (let k = 0; k < K; k++) probabilities[k] = bias[k];
      for (const id of ids) {
        const row = id * K;
        for (let k = 0; k < K; k++) probabilities[k] += weights[row + k] * x;
      }
      softmaxInPlace(probabilities);
      for (let k = 0; k < K; k++) {
        const gradient = (probabilities[k] - (k === label ? 1 : 0)) * weight;
        if (Math.abs(gradient) < 1e-3) continue; // confident and right: skip the update (most of them, late in training)
        const delta = -rate * gradient;
        bias[k] += delta;
        bSum[k] += step * delta;
        const dx = delta * x;
        for (const id of ids) {
          weights[id * K + k] += dx;
          wSum[id * K + k] += step * dx;
        }
      }
      step++;
    }
  }
  for (let j = 0; j < weights.length; j++) weights[j] -= wSum[j] / step;
  for (let k = 0; k < K; k++) bias[k] -= bSum[k] / step;
  return { labels, index, weights, bias };
}

function scoresOf(K: number, index: Map<string, number>, weights: Float32Array, bias: Float32Array, features: readonly string[]): Float64Array {
  const scores = Float64Array.from(bias);
  let known = 0;
  for (const f of features) if (index.has(f)) known++;
  if (known === 0) return scores;
  // Same scaling as in training, over the features the model knows.
  const x = 1 / Math.sqrt(features.length);
  for (const f of features) {
    const id = index.get(f);
    if (id === undefined) continue;
    const row = id * K;
    for (let k = 0; k < K; k++) scores[k] += weights[row + k] * x;
  }
  return scores;
}

function softmaxInPlace(values: Float64Array): void {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k] = Math.exp(values[k] - max);
  for (let k = 0; k < values.length; k++) values[k] /= sum;
}

function softmax(scores: Float64Array, temperature: number): Float64Array {
  const out = scores.map((s) => s / temperature);
  softmaxInPlace(out);
  return out;
}

/**
 * Temperature scaling: out-of-fold scores from k models, then the T that minimises their negative
 * log-likelihood (golden-section search; NLL is unimodal in T).
 */
function fitTemperature<L extends string>(examples: readonly LabelledExample<L>[], opts: typeof DEFAULTS): number {
  const folds = opts.calibrationFolds;
  // Large sets: one held-out fold is plenty of calibration data and keeps training time down.
  const foldsToRun = examples.length > 5000 ? 1 : folds;
  const order = shuffleInPlace(examples.map((_, i) => i), seededRandom(opts.seed + 1));
  const outOfFold: Array<{ scores: Float64Array; label: number }> = [];
  for (let f = 0; f < foldsToRun; f++) {
    const held = new Set(order.filter((_, i) => i % folds === f));
    const model = fit(examples.filter((_, i) => !held.has(i)), opts);
    for (const i of held) {
      const k = model.labels.indexOf(examples[i].label);
      if (k === -1) continue; // label absent from this fold's training part: no score to calibrate
      outOfFold.push({ scores: scoresOf(model.labels.length, model.index, model.weights, model.bias, examples[i].features), label: k });
    }
  }
  const nll = (t: number) => {
    let total = 0;
    for (const { scores, label } of outOfFold) total -= Math.log(Math.max(softmax(scores, t)[label], 1e-12));
    return total;
  };
  let lo = 0.05;
  let hi = 10;
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 40; i++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return (lo + hi) / 2;
}
