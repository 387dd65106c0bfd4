import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded runtime: PGlite under ./data, in-process bus, all services, relay on', () => {
    const config = loadConfig({});
    expect(config.eventStore).toEqual({ kind: 'pglite', dataDir: './data/eventstore' });
    expect(config.readModels).toEqual({ kind: 'pglite', dataDir: './data/readmodels' });
    expect(config.bus).toEqual({ kind: 'inprocess' });
    expect(config.services).toEqual(['intake', 'routing', 'resolution', 'feedback', 'knowledge']);
    expect(config.relayEnabled).toBe(true);
    expect(config.httpPort).toBe(3000);
  });

  it('reads the distributed settings', () => {
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: 'postgres://u@db:5432/events',
      READ_MODEL_URL: 'postgresql://u@db:5432/reads',
      BUS: 'kafka',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      SERVICES: 'routing',
      API_KEYS: 'aaaaaaaaaaaaaaaa:acme:agent:agent-7',
    });
    expect(config.bus).toEqual({ kind: 'kafka', brokers: ['k1:9092', 'k2:9092'], clientId: 'ticketing' });
    expect(config.services).toEqual(['routing']);
    expect(config.relayEnabled).toBe(false);
    expect(config.apiKeys).toEqual([{ key: 'aaaaaaaaaaaaaaaa', tenantId: 'acme', role: 'agent', actorId: 'agent-7' }]);
  });

  it.each([
    [{ EVENT_STORE: 'mysql' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE_URL'],
    [{ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'http://x' }, 'EVENT_STORE_URL'],
    [{ BUS: 'kafka', EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://x/y' }, 'KAFKA_BROKERS'],
    [{ BUS: 'kafka', EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://x/y', KAFKA_BROKERS: 'nohost' }, 'KAFKA_BROKERS'],
    [{ HTTP_PORT: '70000' }, 'HTTP_PORT'],
    [{ SERVICES: 'intake,billing' }, 'SERVICES'],
    [{ API_KEYS: 'short:acme:agent:a' }, 'API_KEYS'],
    [{ API_KEYS: 'aaaaaaaaaaaaaaaa:acme:god:a' }, 'API_KEYS'],
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ RELAY_ENABLED: 'maybe' }, 'RELAY_ENABLED'],
    [{ BUS: 'kafka', KAFKA_BROKERS: 'k:9092' }, 'EVENT_STORE'],
  ])('rejects %j naming %s', (env, variable) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as Error).message).toContain(variable);
  });
});
