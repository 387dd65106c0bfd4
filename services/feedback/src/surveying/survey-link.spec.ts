import { SurveyLinkSigner } from './survey-link';

describe('signed survey links', () => {
  const signer = new SurveyLinkSigner('s'.repeat(32));
  const claims = { tenantId: 'shop-a', ticketId: 't-1', surveyId: 's-1', expiresAt: '2025-03-08T00:00:00.000Z' };
  const before = Date.parse('2025-03-07T23:59:59.000Z');

  it('gives back what it signed until the expiry', () => {
    expect(signer.verify(signer.sign(claims), before)).toEqual(claims);
  });

  it('refuses an expired link', () => {
    expect(() => signer.verify(signer.sign(claims), Date.parse('2025-03-08T00:00:00.001Z'))).toThrow(/expired/);
  });

  it('refuses a forged, altered or truncated link', () => {
    const token = signer.sign(claims);
    const [, signature] = token.split('.');
    const stretched = Buffer.from(JSON.stringify(['shop-a', 't-1', 's-1', '2099-01-01T00:00:00.000Z'])).toString('base64url');
    expect(() => signer.verify(`${stretched}.${signature}`, before)).toThrow(/not valid/);
    expect(() => new SurveyLinkSigner('x'.repeat(32)).verify(token, before)).toThrow(/not valid/);
    expect(() => signer.verify(token.slice(0, -2), before)).toThrow(/not valid/);
    expect(() => signer.verify('garbage', before)).toThrow(/not valid/);
  });
});
