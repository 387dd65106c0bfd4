import { spawnSync } from 'node:child_process';

export type Availability = { available: true } | { available: false; reason: string };

/** Admin connection used to create per-test databases. */
export const TEST_POSTGRES_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let postgres: Availability | undefined;
let docker: Availability | undefined;

/** Synchronous (jest decides describe vs describe.skip while collecting), bounded by a timeout so
 * a black-holed host cannot hang the run. Checked once per process. */
export function postgresAvailability(url = TEST_POSTGRES_URL): Availability {
  if (postgres) return postgres;
  const probe = `const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.query('select 1')).then(() => c.end()).then(() => process.exit(0),
      (e) => { console.error(e.message || e.code); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', probe, url], { timeout: 5_000, encoding: 'utf8', cwd: process.cwd() });
  postgres =
    result.status === 0
      ? { available: true }
      : { available: false, reason: `PostgreSQL not reachable at ${redact(url)}: ${(result.stderr || result.error?.message || 'timeout').trim()}` };
  return postgres;
}

/** Whether a container engine answers (`docker info`, which honours DOCKER_HOST), within 5 s. */
export function dockerAvailability(): Availability {
  if (docker) return docker;
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000, encoding: 'utf8' });
  docker =
    result.status === 0
      ? { available: true }
      : {
          available: false,
          reason: `no container engine: \`docker info\` ${result.error ? `failed (${result.error.message})` : `exited ${result.status}`}${
            result.stderr ? `: ${result.stderr.trim().split('\n')[0]}` : ''
          }`,
        };
  return docker;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

/** `describe` when available, otherwise `describe.skip` after printing why. */
export function describeIf(availability: Availability, name: string, body: () => void): void {
  if (availability.available) {
    describe(name, body);
    return;
  }
  console.warn(`SKIPPED ${name}: ${availability.reason}`);
  describe.skip(name, body);
}
