import * as jwt from 'jsonwebtoken';
import { AuthenticationError, Authenticator, signToken } from './authenticator';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const authenticator = new Authenticator({
  apiKeys: [{ key: 'key-of-acme-agent-0001', tenantId: 'acme', role: 'agent', actorId: 'agent-1' }],
  jwt: { secret },
});

describe('Authenticator', () => {
  it('resolves an API key from either header form', () => {
    const expected = { tenantId: 'acme', role: 'agent', actor: { kind: 'agent', id: 'agent-1' } };
    expect(authenticator.authenticate({ apiKey: 'key-of-acme-agent-0001' })).toEqual(expected);
    expect(authenticator.authenticate({ authorization: 'ApiKey key-of-acme-agent-0001' })).toEqual(expected);
  });

  it('resolves a JWT to tenant, role and actor', () => {
    const token = signToken(secret, { tenant: 'globex', role: 'supervisor', sub: 'sup-9' });
    expect(authenticator.authenticate({ authorization: `Bearer ${token}` })).toEqual({
      tenantId: 'globex',
      role: 'supervisor',
      actor: { kind: 'supervisor', id: 'sup-9' },
    });
  });

  it('resolves a manager (a supervisor with the top authority tier) from a JWT', () => {
    const token = signToken(secret, { tenant: 'acme', role: 'manager', sub: 'mgr-1' });
    expect(authenticator.authenticate({ authorization: `Bearer ${token}` })).toEqual({ tenantId: 'acme', role: 'manager', actor: { kind: 'supervisor', id: 'mgr-1' } });
  });

  it.each([
    ['no credentials', {}],
    ['an unknown key', { apiKey: 'key-of-acme-agent-0002' }],
    ['a token signed with another secret', { authorization: `Bearer ${jwt.sign({ tenant: 't', role: 'agent', sub: 's' }, 'other-secret')}` }],
    ['a token without tenant', { authorization: `Bearer ${jwt.sign({ role: 'agent', sub: 's' }, secret)}` }],
    ['a token with an unknown role', { authorization: `Bearer ${jwt.sign({ tenant: 't', role: 'root', sub: 's' }, secret)}` }],
    ['an expired token', { authorization: `Bearer ${jwt.sign({ tenant: 't', role: 'agent', sub: 's', exp: 1 }, secret)}` }],
    ['an unsupported scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('rejects %s', (_, headers) => {
    expect(() => authenticator.authenticate(headers)).toThrow(AuthenticationError);
  });
});
