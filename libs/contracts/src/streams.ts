/** Stream ids are `<category>-<id>`; the category is everything before the first dash. */
export const StreamCategory = {
  ticket: 'ticket',
  customer: 'customer',
  agent: 'agent',
  article: 'article',
} as const;

export function streamId(category: string, id: string): string {
  return `${category}-${id}`;
}

export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}

export function idOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? '' : stream.slice(dash + 1);
}

/** One Kafka topic per stream category, versioned with the topic contract. */
export function topicForCategory(category: string): string {
  return `ticketing.${category}.v1`;
}

export function topicForStream(stream: string): string {
  return topicForCategory(categoryOf(stream));
}

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
