import { loadLabelledMessages } from './labelled-data';
import { TicketClassifier, type TrainingExample } from './ticket-classifier';

let cached: TicketClassifier | undefined;

/**
 * The shipped default model: trained on first use from the project's own labelled set
 * (training-data/default-taxonomy.tsv, all of it) — about two seconds, so the repository carries data
 * anyone can read and correct rather than an opaque weights file.
 */
export function defaultClassifier(): TicketClassifier {
  cached ??= TicketClassifier.train(defaultTrainingExamples());
  return cached;
}

export function defaultTrainingExamples(): TrainingExample[] {
  return loadLabelledMessages().map(({ text, category, priority, complaint }) => ({ text, category, priority, complaint }));
}
