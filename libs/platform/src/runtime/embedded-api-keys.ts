import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeyGrant, PlatformConfig, Role } from '../config/config';

const DEMO_GRANTS: Array<{ tenantId: string; role: Role; actorId: string }> = [
  { tenantId: 'demo', role: 'admin', actorId: 'admin-1' },
  { tenantId: 'demo', role: 'supervisor', actorId: 'supervisor-1' },
  { tenantId: 'demo', role: 'manager', actorId: 'manager-1' },
  { tenantId: 'demo', role: 'agent', actorId: 'agent-1' },
  { tenantId: 'demo', role: 'customer', actorId: 'customer-1' },
  { tenantId: 'demo', role: 'analyst', actorId: 'analyst-1' },
];

/**
 * The embedded runtime must be usable with no set-up, yet never ship a known credential: when no
 * API_KEYS or JWT_SECRET is configured, random keys are made once and kept in DATA_DIR/api-keys.txt
 * (mode 0600), one `key:tenant:role:actorId` per line, the same format as API_KEYS.
 */
export function ensureEmbeddedApiKeys(config: PlatformConfig, dataDir: string): { config: PlatformConfig; file?: string } {
  if (config.apiKeys.length > 0 || config.jwt) return { config };
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'api-keys.txt');
  if (!existsSync(file)) {
    const lines = DEMO_GRANTS.map((g) => `${randomBytes(18).toString('base64url')}:${g.tenantId}:${g.role}:${g.actorId}`);
    writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
  }
  const apiKeys: ApiKeyGrant[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [key, tenantId, role, actorId] = line.trim().split(':');
      return { key, tenantId, role: role as Role, actorId };
    });
  return { config: { ...config, apiKeys }, file };
}
