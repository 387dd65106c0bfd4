import { extractFeatures } from './features';
import { SoftmaxRegression, type SerializedModel } from './softmax-regression';
import type { Category, ClassifierInput } from './taxonomy';

/** The label of "this category, but none of its subcategories". */
export const NO_SUBCATEGORY = '-';
/** A category's subcategory is learned once agents corrected this many of its tickets… */
export const MIN_SUBCATEGORY_EXAMPLES = 6;
/** …with at least two different answers (one answer alone teaches nothing but a constant). */
const MIN_DISTINCT_ANSWERS = 2;
/** Below this the learned guess is not used (keywords, then nothing, decide). */
export const MIN_SUBCATEGORY_CONFIDENCE = 0.5;

/** An agent's correction: the ticket's text and the category and subcategory (or none) it was given. */
export interface SubcategoryExample {
  subject?: string;
  text: string;
  category: Category;
  subcategory: string | null;
}

export interface SubcategoryPrediction {
  subcategory: string | null;
  confidence: number;
}

const textOf = (input: { subject?: string; text: string }) => (input.subject ? `${input.subject}\n${input.text}` : input.text);

/**
 * A tenant's subcategories, learned from its agents' corrections: one small model per category that
 * has enough of them, over the same features as the category model. Categories without enough
 * corrections have no model (keywords decide there).
 */
export class SubcategoryModel {
  private constructor(private readonly byCategory: ReadonlyMap<Category, SoftmaxRegression>) {}

  static train(examples: readonly SubcategoryExample[]): SubcategoryModel {
    const grouped = new Map<Category, SubcategoryExample[]>();
    for (const e of examples) grouped.set(e.category, [...(grouped.get(e.category) ?? []), e]);
    const models = new Map<Category, SoftmaxRegression>();
    for (const [category, group] of grouped) {
      const answers = new Set(group.map((e) => e.subcategory ?? NO_SUBCATEGORY));
      if (group.length < MIN_SUBCATEGORY_EXAMPLES || answers.size < MIN_DISTINCT_ANSWERS) continue;
      models.set(category, SoftmaxRegression.train(group.map((e) => ({ features: extractFeatures(textOf(e)), label: e.subcategory ?? NO_SUBCATEGORY }))));
    }
    return new SubcategoryModel(models);
  }

  static fromJSON(json: Record<string, SerializedModel>): SubcategoryModel {
    return new SubcategoryModel(new Map(Object.entries(json).map(([c, m]) => [c as Category, SoftmaxRegression.fromJSON(m)])));
  }

  toJSON(): Record<string, SerializedModel> {
    return Object.fromEntries([...this.byCategory].map(([c, m]) => [c, m.toJSON()]));
  }

  /** Categories it can answer for. */
  get categories(): Category[] {
    return [...this.byCategory.keys()];
  }

  /**
   * The learned subcategory of `category` among `slugs` (the tenant's current ones: a subcategory
   * removed since is never predicted); undefined when this category has no model.
   */
  predict(input: ClassifierInput, category: Category, slugs: readonly string[]): SubcategoryPrediction | undefined {
    const model = this.byCategory.get(category);
    if (!model) return undefined;
    const prediction = model.predict(extractFeatures(textOf(input)), new Set([...slugs, NO_SUBCATEGORY]));
    return { subcategory: prediction.label === NO_SUBCATEGORY ? null : prediction.label, confidence: prediction.confidence };
  }
}
