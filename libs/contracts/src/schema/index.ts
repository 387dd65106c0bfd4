export type { FieldSpec, Schema, SchemaFields, StringOptions } from './schema';
// Namespaced: bare `string`/`object`/`number` helpers would be confusing imports elsewhere.
export * as fieldSpecs from './schema';
