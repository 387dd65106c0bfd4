import { ConfigError } from '@ticketing/platform';
import { loadOutboundConfig } from './outbound.config';

describe("intake's outbound configuration: staff-notice defaults", () => {
  it('reads the staff webhook and address as the deployment default', () => {
    const config = loadOutboundConfig({
      INTAKE_STAFF_WEBHOOK_URL: 'https://ops.example/hooks/staff',
      INTAKE_WEBHOOK_SECRET: 'deployment-secret-000001',
      INTAKE_STAFF_EMAIL: 'support-leads@shop.example',
      INTAKE_SMTP_URL: 'smtp://relay.example:25',
    });
    expect(config.staffNotices).toEqual({ webhookUrl: 'https://ops.example/hooks/staff', email: 'support-leads@shop.example' });
    expect(loadOutboundConfig({}).staffNotices).toEqual({ webhookUrl: null, email: null });
  });

  it.each([
    [{ INTAKE_STAFF_WEBHOOK_URL: 'https://ops.example/hooks/staff' }, 'INTAKE_WEBHOOK_SECRET'],
    [{ INTAKE_STAFF_WEBHOOK_URL: 'ftp://ops.example/x', INTAKE_WEBHOOK_SECRET: 'deployment-secret-000001' }, 'INTAKE_STAFF_WEBHOOK_URL'],
    [{ INTAKE_STAFF_EMAIL: 'support-leads@shop.example' }, 'INTAKE_STAFF_EMAIL'],
    [{ INTAKE_STAFF_EMAIL: 'not an address', INTAKE_SMTP_URL: 'smtp://relay.example:25' }, 'INTAKE_STAFF_EMAIL'],
  ])('refuses %j at start-up, naming %s', (env, variable) => {
    expect(() => loadOutboundConfig(env)).toThrow(ConfigError);
    expect(() => loadOutboundConfig(env)).toThrow(variable);
  });
});
