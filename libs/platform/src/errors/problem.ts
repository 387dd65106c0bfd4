/** RFC 9457 problem details. `errors` lists field-level problems so clients can point at the field. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://ticketing.dev/problems/';

export function problem(status: number, slug: string, title: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: `${PROBLEM_BASE}${slug}`, title, status, ...extra };
}
