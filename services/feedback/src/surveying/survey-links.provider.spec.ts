import { ConfigError, loadConfig } from '@ticketing/platform';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicUrlOf, surveyLinkSignerFor } from './survey-links.provider';

const claims = { tenantId: 'acme', ticketId: 't-1', surveyId: 's-1', expiresAt: '2030-01-01T00:00:00.000Z' };

describe('survey link configuration (validated at start-up)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'survey-links-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('embedded without FEEDBACK_SURVEY_LINK_SECRET: a key file under DATA_DIR, so a restarted process accepts the links it sent', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    // DATA_DIR as the runtime was configured (not necessarily the process environment).
    const token = surveyLinkSignerFor(config, {}).sign(claims);
    expect(existsSync(join(dataDir, 'feedback-survey-links.key'))).toBe(true);
    expect(surveyLinkSignerFor(config, {}).verify(token, Date.parse('2029-01-01'))).toEqual(claims);
    // Another data directory is another deployment: its key does not accept this link.
    const other = mkdtempSync(join(tmpdir(), 'survey-links-other-'));
    expect(() => surveyLinkSignerFor(loadConfig({ DATA_DIR: other }), { DATA_DIR: other }).verify(token, Date.parse('2029-01-01'))).toThrow(/not valid/);
    rmSync(other, { recursive: true, force: true });
  });

  it('distributed: the variable is required (error naming it); replicas with the same secret accept each other’s links', () => {
    const config = loadConfig({ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://x@127.0.0.1/x', READ_MODEL_URL: 'postgres://x@127.0.0.1/y' });
    expect(() => surveyLinkSignerFor(config, { DATA_DIR: dataDir })).toThrow(ConfigError);
    expect(() => surveyLinkSignerFor(config, { DATA_DIR: dataDir })).toThrow(/FEEDBACK_SURVEY_LINK_SECRET is required/);
    expect(() => surveyLinkSignerFor(config, { FEEDBACK_SURVEY_LINK_SECRET: 'too-short' })).toThrow(/FEEDBACK_SURVEY_LINK_SECRET must be at least 32 characters/);
    const env = { FEEDBACK_SURVEY_LINK_SECRET: 's'.repeat(40) };
    const token = surveyLinkSignerFor(config, env).sign(claims);
    expect(surveyLinkSignerFor(config, env).verify(token, Date.parse('2029-01-01'))).toEqual(claims);
  });

  it('FEEDBACK_PUBLIC_URL: an absolute http(s) URL (trailing slash dropped), else the process’s own address', () => {
    expect(publicUrlOf({})).toBeNull();
    expect(publicUrlOf({ FEEDBACK_PUBLIC_URL: 'https://survey.acme.example/' })).toBe('https://survey.acme.example');
    expect(() => publicUrlOf({ FEEDBACK_PUBLIC_URL: 'survey.acme.example' })).toThrow(/FEEDBACK_PUBLIC_URL must be an absolute/);
    expect(() => publicUrlOf({ FEEDBACK_PUBLIC_URL: 'ftp://survey.acme.example' })).toThrow(/FEEDBACK_PUBLIC_URL must be an http/);
  });
});
