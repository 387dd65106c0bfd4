import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from './config';

type Env = Record<string, string | undefined>;

export interface DeploymentKeySpec {
  /** The variable holding the key itself, e.g. INTAKE_SECRETS_KEY. */
  variable: string;
  /** The variable naming a key file instead, e.g. INTAKE_SECRETS_KEY_FILE. */
  fileVariable: string;
  /** The key file's name under DATA_DIR when neither variable is set. */
  defaultFileName: string;
  minLength?: number;
}

/** Fails at start-up when the variable is set but too short (a typo must not sign anything). */
export function checkDeploymentKey(spec: DeploymentKeySpec, env: Env = process.env): void {
  const configured = env[spec.variable]?.trim();
  const min = spec.minLength ?? 32;
  if (configured !== undefined && configured !== '' && configured.length < min) throw new ConfigError(spec.variable, `must be at least ${min} characters`);
}

/**
 * A key every replica of a deployment must share: the variable (at least `minLength` characters;
 * in Kubernetes a Secret), or else a random key file made on first use (mode 0600) under DATA_DIR,
 * so the embedded runtime keeps its key across restarts. `required` (distributed deployments,
 * where a file on one pod's disk is not shared) refuses the file fallback with an error naming the
 * variable.
 */
export function loadDeploymentKey(spec: DeploymentKeySpec, env: Env = process.env, options: { required?: boolean } = {}): string {
  checkDeploymentKey(spec, env);
  const configured = env[spec.variable]?.trim();
  if (configured) return configured;
  const named = env[spec.fileVariable]?.trim();
  if (options.required && !named) {
    throw new ConfigError(spec.variable, `is required when services run distributed (every replica must use the same key; or set ${spec.fileVariable} to a shared file)`);
  }
  const file = named || join(env['DATA_DIR']?.trim() || './data', spec.defaultFileName);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
      chmodSync(file, 0o600);
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < (spec.minLength ?? 32)) throw new ConfigError(spec.fileVariable, `file ${file} must hold a key of at least ${spec.minLength ?? 32} characters`);
  return key;
}
