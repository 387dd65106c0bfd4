import { ROLES, type Role } from '@ticketing/contracts';

/**
 * Runtime configuration from environment variables, validated once at start-up.
 * A wrong or missing value stops the start with a message naming the variable.
 */
export const SERVICE_NAMES = ['intake', 'routing', 'resolution', 'feedback', 'knowledge'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

// One list of roles for the whole platform: the contracts' vocabulary.
export { ROLES, type Role };

export interface ApiKeyGrant {
  key: string;
  tenantId: string;
  role: Role;
  actorId: string;
}

export type EventStoreConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'esdb'; connectionString: string };

export type ReadModelConfig = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export type BusConfig = { kind: 'inprocess' } | { kind: 'kafka'; brokers: string[]; clientId: string };

export interface PlatformConfig {
  eventStore: EventStoreConfig;
  readModels: ReadModelConfig;
  bus: BusConfig;
  httpPort: number;
  grpcPort: number;
  services: ServiceName[];
  relayEnabled: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  apiKeys: ApiKeyGrant[];
  jwt?: { secret: string; issuer?: string; audience?: string };
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function port(env: Env, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(name, `must be a port number 0-65535 (got "${value}")`);
  return n;
}

function url(env: Env, name: string, schemes: string[]): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, `is required (a ${schemes.join(' or ')} URL)`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a valid URL`);
  }
  if (!schemes.includes(parsed.protocol.replace(/:$/, ''))) {
    throw new ConfigError(name, `must use scheme ${schemes.join(' or ')} (got "${parsed.protocol}")`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false (got "${value}")`);
}

function parseApiKeys(raw: string | undefined): ApiKeyGrant[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((entry, index) => {
    const [key, tenantId, role, actorId] = entry.trim().split(':');
    if (!key || !tenantId || !role || !actorId) {
      throw new ConfigError('API_KEYS', `entry ${index + 1} must be key:tenant:role:actorId`);
    }
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new ConfigError('API_KEYS', `entry ${index + 1} has unknown role "${role}" (one of ${ROLES.join(', ')})`);
    }
    if (key.length < 16) throw new ConfigError('API_KEYS', `entry ${index + 1}: key must be at least 16 characters`);
    return { key, tenantId, role: role as Role, actorId };
  });
}

export function loadConfig(env: Env = process.env): PlatformConfig {
  const dataDir = env.DATA_DIR?.trim() || './data';
  const storeKind = oneOf(env, 'EVENT_STORE', ['pglite', 'postgres', 'esdb'], 'pglite');
  const eventStore: EventStoreConfig =
    storeKind === 'postgres'
      ? { kind: 'postgres', url: url(env, 'EVENT_STORE_URL', ['postgres', 'postgresql']) }
      : storeKind === 'esdb'
        ? { kind: 'esdb', connectionString: url(env, 'EVENT_STORE_URL', ['esdb', 'esdb+discover', 'kurrentdb']) }
        : { kind: 'pglite', dataDir: `${dataDir}/eventstore` };

  const readModels: ReadModelConfig = env.READ_MODEL_URL?.trim()
    ? { kind: 'postgres', url: url(env, 'READ_MODEL_URL', ['postgres', 'postgresql']) }
    : { kind: 'pglite', dataDir: `${dataDir}/readmodels` };

  const busKind = oneOf(env, 'BUS', ['inprocess', 'kafka'], 'inprocess');
  let bus: BusConfig = { kind: 'inprocess' };
  if (busKind === 'kafka') {
    const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
    if (brokers.length === 0) throw new ConfigError('KAFKA_BROKERS', 'is required when BUS=kafka (comma list of host:port)');
    for (const broker of brokers) {
      if (!/^[^:\s]+:\d{1,5}$/.test(broker)) throw new ConfigError('KAFKA_BROKERS', `entry "${broker}" must be host:port`);
    }
    bus = { kind: 'kafka', brokers, clientId: env.KAFKA_CLIENT_ID?.trim() || 'ticketing' };
  }

  const servicesRaw = env.SERVICES?.trim();
  const services = servicesRaw
    ? servicesRaw.split(',').map((s) => s.trim()).filter(Boolean)
    : [...SERVICE_NAMES];
  for (const service of services) {
    if (!(SERVICE_NAMES as readonly string[]).includes(service)) {
      throw new ConfigError('SERVICES', `has unknown service "${service}" (one of ${SERVICE_NAMES.join(', ')})`);
    }
  }
  if (eventStore.kind === 'pglite' && busKind === 'kafka') {
    throw new ConfigError('EVENT_STORE', 'pglite is a single-process store; use postgres or esdb with BUS=kafka');
  }

  const jwtSecret = env.JWT_SECRET?.trim();
  if (jwtSecret !== undefined && jwtSecret !== '' && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }

  return {
    eventStore,
    readModels,
    bus,
    httpPort: port(env, 'HTTP_PORT', 3000),
    grpcPort: port(env, 'GRPC_PORT', 50051),
    services: services as ServiceName[],
    // In embedded mode the one process relays; in distributed mode exactly one deployment does.
    relayEnabled: bool(env, 'RELAY_ENABLED', busKind === 'inprocess'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    apiKeys: parseApiKeys(env.API_KEYS),
    jwt: jwtSecret ? { secret: jwtSecret, issuer: env.JWT_ISSUER?.trim() || undefined, audience: env.JWT_AUDIENCE?.trim() || undefined } : undefined,
  };
}
