/**
 * A tiny, dependency-free schema helper for event payloads. Contracts are a pure domain library, so it
 * cannot use class-validator or a JSON-schema engine; this is just enough to (1) report field-level
 * problems as readable strings and (2) describe each field for the generated event catalog.
 */

/** A field specification. `T` is a phantom type so `Schema<Data>` is checked against the interface. */
export interface FieldSpec<T> {
  /** Human-readable type for docs, e.g. `string`, `integer >= 0`, `chat | email`. */
  readonly typeLabel: string;
  readonly description: string;
  /** Problems with `value` at `path` (e.g. `data.agentId`); empty when valid. */
  check(value: unknown, path: string): string[];
  /** Nested fields, for docs of objects and arrays of objects. */
  readonly fields?: SchemaFields;
  readonly __type?: T;
}

// Deliberately loose: the typed view is `Schema<T>`, this is what the walker needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SchemaFields = Record<string, FieldSpec<any>>;

/** Every key of `T` must have a spec of a compatible type; no key may be forgotten. */
export type Schema<T> = { [K in keyof T]-?: FieldSpec<T[K]> };

function spec<T>(typeLabel: string, description: string, test: (v: unknown) => boolean, expectation: string): FieldSpec<T> {
  return {
    typeLabel,
    description,
    check: (value, path) => (test(value) ? [] : [`${path} must be ${expectation}`]),
  };
}

export interface StringOptions {
  allowEmpty?: boolean;
  maxLength?: number;
  /** A format the value must match, and how to name it in messages, e.g. "an ISO-4217 code". */
  pattern?: { regex: RegExp; label: string };
}

export function string(description: string, options: StringOptions = {}): FieldSpec<string> {
  const { allowEmpty = false, maxLength, pattern } = options;
  const expectation = pattern
    ? pattern.label
    : `${allowEmpty ? 'a string' : 'a non-empty string'}${maxLength ? ` of at most ${maxLength} characters` : ''}`;
  return spec(
    pattern ? `string (${pattern.label})` : 'string',
    description,
    (v) =>
      typeof v === 'string' &&
      (allowEmpty || v.trim().length > 0) &&
      (maxLength === undefined || v.length <= maxLength) &&
      (pattern === undefined || pattern.regex.test(v)),
    expectation,
  );
}

export function boolean(description: string): FieldSpec<boolean> {
  return spec('boolean', description, (v) => typeof v === 'boolean', 'a boolean');
}

export function integer(description: string, range: { min?: number; max?: number } = {}): FieldSpec<number> {
  const bounds = [range.min !== undefined ? `>= ${range.min}` : '', range.max !== undefined ? `<= ${range.max}` : '']
    .filter(Boolean)
    .join(' and ');
  const label = bounds ? `integer ${bounds}` : 'integer';
  return spec(
    label,
    description,
    (v) =>
      typeof v === 'number' &&
      Number.isSafeInteger(v) &&
      (range.min === undefined || v >= range.min) &&
      (range.max === undefined || v <= range.max),
    `an ${label}`,
  );
}

export function number(description: string, range: { min: number; max: number }): FieldSpec<number> {
  const label = `number in [${range.min}, ${range.max}]`;
  return spec(label, description, (v) => typeof v === 'number' && Number.isFinite(v) && v >= range.min && v <= range.max, `a ${label}`);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoInstant(v: unknown): v is string {
  return typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));
}

export function timestamp(description: string): FieldSpec<string> {
  return spec('ISO-8601 instant', description, isIsoInstant, 'an ISO-8601 timestamp with offset');
}

export function oneOf<const V extends string>(values: readonly V[], description: string): FieldSpec<V> {
  return spec(values.join(' | '), description, (v) => typeof v === 'string' && (values as readonly string[]).includes(v), `one of ${values.join(', ')}`);
}

export function nullable<T>(inner: FieldSpec<T>): FieldSpec<T | null> {
  return {
    typeLabel: `${inner.typeLabel} | null`,
    description: inner.description,
    fields: inner.fields,
    check: (value, path) => (value === null ? [] : inner.check(value, path)),
  };
}

export function arrayOf<T>(item: FieldSpec<T>, description: string, options: { maxItems?: number } = {}): FieldSpec<T[]> {
  return {
    typeLabel: `${item.typeLabel}[]`,
    description,
    fields: item.fields,
    check: (value, path) => {
      if (!Array.isArray(value)) return [`${path} must be an array`];
      if (options.maxItems !== undefined && value.length > options.maxItems) {
        return [`${path} must have at most ${options.maxItems} items`];
      }
      return value.flatMap((v, i) => item.check(v, `${path}[${i}]`));
    },
  };
}

export function object<T>(schema: Schema<T>, description: string, typeLabel = 'object'): FieldSpec<T> {
  return {
    typeLabel,
    description,
    fields: schema as SchemaFields,
    check: (value, path) => checkObject(schema as SchemaFields, value, path),
  };
}

/** Checks every declared field and rejects undeclared ones, so a misspelt field is caught at the
 * writer instead of silently vanishing for every consumer. */
export function checkObject(fields: SchemaFields, value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path} must be an object`];
  const record = value as Record<string, unknown>;
  const problems = Object.entries(fields).flatMap(([key, field]) => field.check(record[key], `${path}.${key}`));
  for (const key of Object.keys(record)) {
    if (!(key in fields)) problems.push(`${path}.${key} is not a known field`);
  }
  return problems;
}
