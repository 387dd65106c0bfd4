import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config';
import { loadDeploymentKey, type DeploymentKeySpec } from './deployment-key';

const SPEC: DeploymentKeySpec = { variable: 'X_KEY', fileVariable: 'X_KEY_FILE', defaultFileName: 'x.key' };

describe('deployment keys (a variable, or a key file under DATA_DIR)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'deployment-key-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses the variable when set, and refuses one shorter than 32 characters naming it', () => {
    expect(loadDeploymentKey(SPEC, { X_KEY: 'k'.repeat(32), DATA_DIR: dataDir })).toBe('k'.repeat(32));
    expect(() => loadDeploymentKey(SPEC, { X_KEY: 'short', DATA_DIR: dataDir })).toThrow(ConfigError);
    expect(() => loadDeploymentKey(SPEC, { X_KEY: 'short', DATA_DIR: dataDir })).toThrow(/X_KEY must be at least 32 characters/);
  });

  it('without it, makes a random key file (mode 0600) once and keeps using it across restarts', () => {
    const first = loadDeploymentKey(SPEC, { DATA_DIR: dataDir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, 'x.key')).mode & 0o777).toBe(0o600);
    expect(loadDeploymentKey(SPEC, { DATA_DIR: dataDir })).toBe(first);
    expect(readFileSync(join(dataDir, 'x.key'), 'utf8')).toBe(first);
    expect(loadDeploymentKey(SPEC, { DATA_DIR: mkdtempSync(join(tmpdir(), 'deployment-key-other-')) })).not.toBe(first);
  });

  it('required (distributed): no file fallback, an error naming the variable; a named shared file is accepted', () => {
    expect(() => loadDeploymentKey(SPEC, { DATA_DIR: dataDir }, { required: true })).toThrow(/X_KEY is required when services run distributed/);
    const shared = join(dataDir, 'shared.key');
    writeFileSync(shared, 's'.repeat(40));
    expect(loadDeploymentKey(SPEC, { X_KEY_FILE: shared }, { required: true })).toBe('s'.repeat(40));
    writeFileSync(shared, 'tiny');
    expect(() => loadDeploymentKey(SPEC, { X_KEY_FILE: shared })).toThrow(/X_KEY_FILE/);
  });
});
