import { extractFeatures } from './features';
import type { LabelledMessage } from './labelled-data';
import { detectLanguage, type DetectedLanguage } from './normalize';
import { SoftmaxRegression, type SerializedModel, type TrainingOptions } from './softmax-regression';
import { atLeast, type Category, type ClassifierInput, type Priority } from './taxonomy';

export interface ModelClassification {
  category: Category;
  priority: Priority;
  complaint: boolean;
  language: DetectedLanguage;
  /** Calibrated probability of the category (the field that decides where the ticket goes). */
  confidence: number;
  priorityConfidence: number;
  complaintConfidence: number;
}

export interface TrainingExample extends Pick<LabelledMessage, 'text' | 'category' | 'priority' | 'complaint'> {
  subject?: string;
  weight?: number;
}

export interface SerializedTicketClassifier {
  category: SerializedModel;
  priority: SerializedModel;
  complaint: SerializedModel;
}

const textOf = (input: { subject?: string; text: string }) => (input.subject ? `${input.subject}\n${input.text}` : input.text);

/**
 * Three calibrated models over the same features. Priority also sees the category (and complaint
 * flag) as features, because the taxonomy defines it largely through them: a lost parcel is high,
 * a logistics question normal, a presale question low.
 */
export class TicketClassifier {
  private constructor(
    private readonly category: SoftmaxRegression<Category>,
    private readonly priority: SoftmaxRegression<Priority>,
    private readonly complaint: SoftmaxRegression<'yes' | 'no'>,
  ) {}

  static train(examples: readonly TrainingExample[], options: TrainingOptions = {}): TicketClassifier {
    const featured = examples.map((e) => ({ e, features: extractFeatures(textOf(e)) }));
    return new TicketClassifier(
      SoftmaxRegression.train(featured.map(({ e, features }) => ({ features, label: e.category, weight: e.weight })), options),
      SoftmaxRegression.train(
        featured.map(({ e, features }) => ({ features: withContext(features, e.category, e.complaint), label: e.priority, weight: e.weight })),
        options,
      ),
      SoftmaxRegression.train(featured.map(({ e, features }) => ({ features, label: e.complaint ? 'yes' : 'no', weight: e.weight })), options),
    );
  }

  static fromJSON(json: SerializedTicketClassifier): TicketClassifier {
    return new TicketClassifier(SoftmaxRegression.fromJSON(json.category), SoftmaxRegression.fromJSON(json.priority), SoftmaxRegression.fromJSON(json.complaint));
  }

  toJSON(): SerializedTicketClassifier {
    return { category: this.category.toJSON(), priority: this.priority.toJSON(), complaint: this.complaint.toJSON() };
  }

  /** `categories`: the tenant's enabled ones; the model's probabilities are renormalised over them. */
  classify(input: ClassifierInput, categories?: ReadonlySet<Category>): ModelClassification {
    const text = textOf(input);
    const features = extractFeatures(text);
    const category = this.category.predict(features, categories);
    const complaint = this.complaint.predict(features);
    const isComplaint = complaint.label === 'yes';
    const priority = this.priority.predict(withContext(features, category.label, isComplaint));
    return {
      category: category.label,
      // The taxonomy's own rule, enforced rather than learned: a complaint is at least high.
      priority: isComplaint ? atLeast(priority.label, 'high') : priority.label,
      complaint: isComplaint,
      language: detectLanguage(text),
      confidence: category.confidence,
      priorityConfidence: priority.confidence,
      complaintConfidence: complaint.confidence,
    };
  }
}

function withContext(features: readonly string[], category: Category, complaint: boolean): string[] {
  return [...features, `category:${category}`, `complaint:${complaint}`];
}
