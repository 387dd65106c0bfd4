import fc from 'fast-check';
import { InputValidationError } from '@ticketing/platform';
import { parseEmail } from './parse-email';

/** Whatever bytes arrive, the parser answers with a parse or a 4xx refusal: never a crash. */
describe('parseEmail on random input', () => {
  const mimeish = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom('From', 'Subject', 'Content-Type', 'Content-Transfer-Encoding', 'Message-ID', 'References', 'Auto-Submitted', 'X-Foo'), fc.string({ maxLength: 80 })), { maxLength: 8 }),
      fc.uint8Array({ maxLength: 2000 }),
      fc.constantFrom('text/plain; charset=gbk', 'multipart/mixed; boundary="b"', 'text/html', 'multipart/report; report-type=delivery-status', 'text/plain; charset="x-nope"', 'message/rfc822'),
    )
    .map(([headers, body, type]) =>
      Buffer.concat([Buffer.from(`Content-Type: ${type}\r\n${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]),
    );

  it('never throws anything but InputValidationError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b)), mimeish), async (raw) => {
        try {
          const parsed = await parseEmail(raw);
          expect(typeof parsed.message).toBe('string');
          expect(parsed.messageId.length).toBeGreaterThan(0);
        } catch (error) {
          if (!(error instanceof InputValidationError)) throw error;
          expect(error.problems.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
