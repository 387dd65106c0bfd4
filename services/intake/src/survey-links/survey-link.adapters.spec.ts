import type { DeliveryRequestedData, SurveyLinkPort } from '@ticketing/contracts';
import { ConfigError } from '@ticketing/platform';
import { httpSurveyLinksFor, HttpSurveyLinks, SurveyLinks } from './survey-link.adapters';

const request = (kind: DeliveryRequestedData['kind']) => ({ kind, ticketId: 't-1', messageId: 's-1', text: 'How did we do?' }) as DeliveryRequestedData;
const withPort = (port: SurveyLinkPort | null) => new SurveyLinks({ get: () => port } as never, { jwt: undefined } as never);

describe("intake's survey links", () => {
  it('INTAKE_FEEDBACK_URL is validated at start-up: an http(s) URL, and only with JWT_SECRET', () => {
    expect(httpSurveyLinksFor({}, {})).toBeNull();
    expect(() => httpSurveyLinksFor({}, { INTAKE_FEEDBACK_URL: 'http://feedback:3000' })).toThrow(ConfigError);
    expect(() => httpSurveyLinksFor({}, { INTAKE_FEEDBACK_URL: 'http://feedback:3000' })).toThrow(/INTAKE_FEEDBACK_URL needs JWT_SECRET/);
    expect(() => httpSurveyLinksFor({ jwt: { secret: 'j'.repeat(32) } }, { INTAKE_FEEDBACK_URL: 'feedback' })).toThrow(/INTAKE_FEEDBACK_URL must be an absolute/);
    expect(httpSurveyLinksFor({ jwt: { secret: 'j'.repeat(32) } }, { INTAKE_FEEDBACK_URL: 'http://feedback:3000/' })).toBeInstanceOf(HttpSurveyLinks);
  });

  it('adds the link to a survey at send time, leaves other messages alone, and sends without a link when no feedback is reachable', async () => {
    const port: SurveyLinkPort = { linkFor: async (tenant, ticket, survey) => ({ url: `https://s.example/surveys/answers?token=${tenant}.${ticket}.${survey}`, token: 'x', expiresAt: '2030-01-01T00:00:00.000Z' }) };
    expect((await withPort(port).render(request('survey'), 'acme')).text).toBe('How did we do?\n\nAnswer here: https://s.example/surveys/answers?token=acme.t-1.s-1');
    expect((await withPort(port).render(request('agent_reply'), 'acme')).text).toBe('How did we do?');
    expect((await withPort(null).render(request('survey'), 'acme')).text).toBe('How did we do?');
    const failing: SurveyLinkPort = { linkFor: async () => Promise.reject(new Error('feedback down')) };
    await expect(withPort(failing).render(request('survey'), 'acme')).rejects.toThrow('feedback down');
  });
});
