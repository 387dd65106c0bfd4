import { CustomerIdentityLinked, CustomerTierChanged } from './customer.events';
import { identityFromHandle, normaliseIdentity } from './identity';

describe('customer identities', () => {
  it.each([
    [{ kind: 'email', value: ' Li.Wei@Example.COM ' }, { kind: 'email', network: null, value: 'li.wei@example.com' }],
    [{ kind: 'phone', value: '+86 138-0013 8000' }, { kind: 'phone', network: null, value: '+8613800138000' }],
    [{ kind: 'phone', value: '0086 (138) 0013.8000' }, { kind: 'phone', network: null, value: '+8613800138000' }],
    [{ kind: 'phone', value: '138 0013 8000' }, { kind: 'phone', network: null, value: '13800138000' }],
    [{ kind: 'app_user', value: ' U-42 ' }, { kind: 'app_user', network: null, value: 'U-42' }],
    [{ kind: 'social', network: 'WeChat', value: '@Li_Wei' }, { kind: 'social', network: 'wechat', value: 'li_wei' }],
  ] as const)('normalises %j', (input, expected) => {
    expect(normaliseIdentity(input)).toEqual(expected);
  });

  it.each([
    [{ kind: 'email', value: 'not-an-email' }, 'value'],
    [{ kind: 'email', value: 'a@b' }, 'value'],
    [{ kind: 'phone', value: '12345' }, 'value'],
    [{ kind: 'phone', value: 'call me maybe' }, 'value'],
    [{ kind: 'phone', value: '+1234567890123456' }, 'value'],
    [{ kind: 'social', value: 'li_wei' }, 'network'],
    [{ kind: 'email', network: 'wechat', value: 'a@example.com' }, 'network'],
    [{ kind: 'app_user', value: 'has space' }, 'value'],
  ] as const)('refuses %j naming %s', (input, field) => {
    expect(normaliseIdentity(input)).toMatchObject({ field });
  });

  it('reads a channel handle as the identity it stands for', () => {
    expect(identityFromHandle('chat', 'Li.Wei@example.com')).toEqual({ kind: 'email', network: null, value: 'li.wei@example.com' });
    expect(identityFromHandle('hotline', '138 0013 8000')).toEqual({ kind: 'phone', network: null, value: '13800138000' });
    expect(identityFromHandle('app', '+86 138 0013 8000')).toEqual({ kind: 'phone', network: null, value: '+8613800138000' });
    // A bare number on the app is as likely a numeric user id as a phone.
    expect(identityFromHandle('app', '13800138000')).toEqual({ kind: 'app_user', network: null, value: '13800138000' });
    expect(identityFromHandle('social', 'weibo:@LiWei')).toEqual({ kind: 'social', network: 'weibo', value: 'liwei' });
    expect(identityFromHandle('social', 'liwei')).toEqual({ kind: 'social', network: 'unknown', value: 'liwei' });
    expect(identityFromHandle('chat', 'app-user-7')).toEqual({ kind: 'app_user', network: null, value: 'app-user-7' });
  });

  it('event contracts refuse a network on a non-social identity and a tier change to the same tier', () => {
    const linked = { customerId: 'c1', kind: 'email', network: 'wechat', value: 'a@example.com', source: 'api', previousCustomerId: null, reason: 'crm' };
    expect(CustomerIdentityLinked.validate(linked)).toEqual(['data.network must be set for social identities and only for them']);
    expect(CustomerIdentityLinked.validate({ ...linked, network: null })).toEqual([]);
    expect(CustomerTierChanged.validate({ customerId: 'c1', from: 'vip', to: 'vip', reason: 'crm' })).toEqual(['data.to must differ from data.from']);
  });
});
