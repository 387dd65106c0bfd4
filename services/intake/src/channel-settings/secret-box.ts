import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { SealedSecret } from '@ticketing/contracts';
import { checkDeploymentKey, loadDeploymentKey, type DeploymentKeySpec } from '@ticketing/platform';

type Env = Record<string, string | undefined>;

const SECRETS_KEY: DeploymentKeySpec = { variable: 'INTAKE_SECRETS_KEY', fileVariable: 'INTAKE_SECRETS_KEY_FILE', defaultFileName: 'intake-secrets.key' };

/**
 * Seals tenant secrets before they go into an event (AES-256-GCM) and opens them for the worker
 * and the poller. The key is the deployment's: INTAKE_SECRETS_KEY (at least 32 characters; in
 * Kubernetes a Secret), or else a random key file made on first use under DATA_DIR
 * (`intake-secrets.key`, mode 0600) for the embedded runtime. Every replica must share the key.
 */
export class SecretBox {
  private key?: Buffer;

  constructor(private readonly env: Env = process.env) {
    checkDeploymentKey(SECRETS_KEY, env);
  }

  private secretsKey(): Buffer {
    if (this.key) return this.key;
    return (this.key = createHash('sha256').update(loadDeploymentKey(SECRETS_KEY, this.env)).digest());
  }

  seal(secret: string): SealedSecret {
    const key = this.secretsKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
    return { sealed: `v1.${parts.join('.')}`, fingerprint: this.fingerprint(secret) };
  }

  open(secret: SealedSecret): string {
    const [version, iv, tag, body] = secret.sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.secretsKey(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed, so a fingerprint read from the log does not help guess the secret without the key. */
  fingerprint(secret: string): string {
    return createHmac('sha256', this.secretsKey()).update(secret).digest('base64url').slice(0, 22);
  }
}

export const SECRET_BOX = Symbol('SECRET_BOX');
