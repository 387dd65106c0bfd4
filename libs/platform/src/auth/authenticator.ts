import { timingSafeEqual } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { ROLES, type ApiKeyGrant, type PlatformConfig, type Role } from '../config/config';
import { principalOf, type Principal } from './principal';

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * Resolves credentials to a Principal. Shared by the HTTP guard and gRPC interceptor so both
 * transports authenticate identically. Accepts `X-Api-Key: <key>`, `Authorization: ApiKey <key>`
 * or `Authorization: Bearer <jwt>` (HS256; claims `tenant`, `role`, `sub`).
 */
export class Authenticator {
  private readonly keys: ApiKeyGrant[];

  constructor(private readonly config: Pick<PlatformConfig, 'apiKeys' | 'jwt'>) {
    this.keys = config.apiKeys;
  }

  authenticate(headers: { apiKey?: string; authorization?: string }): Principal {
    if (headers.apiKey) return this.byApiKey(headers.apiKey);
    const authorization = headers.authorization?.trim();
    if (!authorization) throw new AuthenticationError('missing credentials: send X-Api-Key or Authorization');
    const [scheme, token] = authorization.split(/\s+/, 2);
    if (!token) throw new AuthenticationError('malformed Authorization header');
    if (scheme.toLowerCase() === 'apikey') return this.byApiKey(token);
    if (scheme.toLowerCase() === 'bearer') return this.byJwt(token);
    throw new AuthenticationError(`unsupported Authorization scheme "${scheme}"`);
  }

  private byApiKey(key: string): Principal {
    const candidate = Buffer.from(key);
    // Constant-time comparison so a key cannot be guessed byte by byte from response timing.
    const grant = this.keys.find((g) => {
      const known = Buffer.from(g.key);
      return known.length === candidate.length && timingSafeEqual(known, candidate);
    });
    if (!grant) throw new AuthenticationError('unknown API key');
    return principalOf(grant.tenantId, grant.role, grant.actorId);
  }

  private byJwt(token: string): Principal {
    if (!this.config.jwt) throw new AuthenticationError('JWT authentication is not configured');
    let claims: jwt.JwtPayload;
    try {
      const verified = jwt.verify(token, this.config.jwt.secret, {
        algorithms: ['HS256'],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
      });
      if (typeof verified === 'string') throw new Error('payload is not an object');
      claims = verified;
    } catch (error) {
      throw new AuthenticationError(`invalid token: ${(error as Error).message}`);
    }
    const tenant = claims.tenant;
    const role = claims.role;
    if (typeof tenant !== 'string' || tenant === '') throw new AuthenticationError('token lacks a "tenant" claim');
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new AuthenticationError('token lacks a valid "role" claim');
    }
    if (!claims.sub) throw new AuthenticationError('token lacks a "sub" claim');
    return principalOf(tenant, role as Role, claims.sub);
  }
}

export function signToken(secret: string, claims: { tenant: string; role: Role; sub: string }, expiresIn = '1h'): string {
  return jwt.sign({ tenant: claims.tenant, role: claims.role }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    expiresIn: expiresIn as jwt.SignOptions['expiresIn'],
  });
}
