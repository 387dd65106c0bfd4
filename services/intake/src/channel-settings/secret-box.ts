import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SealedSecret } from '@ticketing/contracts';
import { ConfigError } from '@ticketing/platform';

type Env = Record<string, string | undefined>;

/**
 * Seals tenant secrets before they go into an event (AES-256-GCM) and opens them for the worker
 * and the poller. The key is the deployment's: INTAKE_SECRETS_KEY (at least 32 characters; in
 * Kubernetes a Secret), or else a random key file made on first use under DATA_DIR
 * (`intake-secrets.key`, mode 0600) for the embedded runtime. Every replica must share the key.
 */
export class SecretBox {
  private key?: Buffer;

  constructor(private readonly env: Env = process.env) {
    const configured = env.INTAKE_SECRETS_KEY?.trim();
    if (configured !== undefined && configured !== '' && configured.length < 32) throw new ConfigError('INTAKE_SECRETS_KEY', 'must be at least 32 characters');
  }

  private secretsKey(): Buffer {
    if (this.key) return this.key;
    const configured = this.env.INTAKE_SECRETS_KEY?.trim();
    if (configured) return (this.key = createHash('sha256').update(configured).digest());
    const file = this.env.INTAKE_SECRETS_KEY_FILE?.trim() || join(this.env.DATA_DIR?.trim() || './data', 'intake-secrets.key');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return (this.key = createHash('sha256').update(readFileSync(file, 'utf8').trim()).digest());
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
