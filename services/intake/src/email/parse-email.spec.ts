import iconv from 'iconv-lite';
import { InputValidationError } from '@ticketing/platform';
import { parseEmail } from './parse-email';
import { compareWithZammad, loadZammadFixtures, zammadFixturesPresent, ZAMMAD_FIXTURES } from './zammad-fixtures';

function mail(headers: Record<string, string>, body: Buffer | string): Buffer {
  const head = Object.entries({ From: 'Li Wei <li.wei@example.com>', To: 'support@shop.example', Subject: 'Order', 'Message-ID': '<m1@example.com>', ...headers })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

const textPart = (charset: string, text: string) =>
  mail({ 'Content-Type': `text/plain; charset=${charset}`, 'Content-Transfer-Encoding': '8bit' }, iconv.encode(text, charset));

describe('parseEmail', () => {
  it.each([
    ['gbk', '我的订单还没有到，请帮我查一下物流。'],
    ['gb2312', '退款什么时候到账？'],
    ['gb18030', '包裹破损了𠀀'],
    ['big5', '我的訂單還沒有到貨'],
    ['iso-8859-1', 'Bestellung über 20 EUR, schön'],
    ['iso-8859-2', 'Zamówienie nie dotarło'],
    ['utf-8', 'Заказ не пришёл'],
  ])('decodes %s bodies', async (charset, text) => {
    const parsed = await parseEmail(textPart(charset, text));
    expect(parsed.message).toBe(text);
  });

  it('decodes ISO-2022-JP (a stateful charset iconv-lite lacks)', async () => {
    // "注文が届きません" in ISO-2022-JP: ESC $ B … ESC ( B
    const jis = Buffer.from('1b2442436d4a38242c464f242d245e243b24731b2842', 'hex');
    const parsed = await parseEmail(mail({ 'Content-Type': 'text/plain; charset=ISO-2022-JP', 'Content-Transfer-Encoding': '7bit' }, jis));
    expect(parsed.message).toBe('注文が届きません');
  });

  it('decodes encoded-word subjects and threading headers', async () => {
    const parsed = await parseEmail(
      mail({ Subject: `=?GB2312?B?${iconv.encode('请更新我的地址', 'gb2312').toString('base64')}?=`, 'In-Reply-To': '<a@x>', References: '<root@x> <a@x>' }, 'hi'),
    );
    expect(parsed.subject).toBe('请更新我的地址');
    expect(parsed.references).toEqual(['root@x', 'a@x']);
    expect(parsed.inReplyTo).toEqual(['a@x']);
  });

  it('turns HTML-only mail into clean text', async () => {
    const html = '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>Hello,</p><p>my <b>parcel</b> is&nbsp;late.</p></body></html>';
    const parsed = await parseEmail(mail({ 'Content-Type': 'text/html; charset=utf-8' }, html));
    expect(parsed.message).toMatch(/^Hello,\s+my parcel is late\.$/);
    expect(parsed.message).not.toMatch(/color|alert|</);
  });

  it('strips quoted history and signatures from the message but keeps the full text', async () => {
    const body = [
      'The replacement arrived broken too.',
      '',
      '--',
      'Li Wei, Shanghai',
      '',
      'On Mon, 3 Mar 2025 at 10:00, Shop Support <support@shop.example> wrote:',
      '> We sent a replacement.',
    ].join('\r\n');
    const parsed = await parseEmail(mail({ 'Content-Type': 'text/plain; charset=utf-8' }, body));
    expect(parsed.message).toBe('The replacement arrived broken too.');
    expect(parsed.text).toContain('We sent a replacement');
  });

  it('strips Outlook and Chinese client history blocks', async () => {
    const outlook = 'Still nothing.\r\n\r\nFrom: Shop <support@shop.example>\r\nSent: Monday, March 3, 2025 10:00\r\nTo: Li\r\nSubject: RE: order\r\n\r\nWe shipped it.';
    expect((await parseEmail(mail({}, outlook))).message).toBe('Still nothing.');
    const chinese = '还是没收到。\r\n\r\n发自我的iPhone\r\n\r\n在 2025年3月3日 10:00，客服 <support@shop.example> 写道：\r\n> 已发货';
    expect((await parseEmail(mail({ 'Content-Type': 'text/plain; charset=utf-8' }, chinese))).message).toBe('还是没收到。');
  });

  it('keeps attachments with their names, types and sizes', async () => {
    const raw = mail(
      { 'MIME-Version': '1.0', 'Content-Type': 'multipart/mixed; boundary="b1"' },
      [
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Photo of the damage attached.',
        '--b1',
        'Content-Type: image/png; name="damage.png"',
        'Content-Disposition: attachment; filename="damage.png"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('not really a png').toString('base64'),
        '--b1--',
      ].join('\r\n'),
    );
    const parsed = await parseEmail(raw);
    expect(parsed.attachments).toEqual([expect.objectContaining({ filename: 'damage.png', contentType: 'image/png', size: 16 })]);
    expect(parsed.message).toBe('Photo of the damage attached.');
  });

  it.each([
    ['Auto-Submitted: auto-replied', { 'Auto-Submitted': 'auto-replied' }, 'auto_reply'],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'auto_reply'],
    ['Precedence: bulk', { Precedence: 'bulk' }, 'bulk'],
    ['an out-of-office subject', { Subject: 'Out of Office: back on Monday' }, 'auto_reply'],
    ['a DSN', { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="x"', From: 'MAILER-DAEMON@mx.example' }, 'bounce'],
  ])('recognises %s as automated', async (_, headers, kind) => {
    const parsed = await parseEmail(mail(headers as Record<string, string>, '--x\r\nContent-Type: text/plain\r\n\r\nsorry\r\n--x--'));
    expect(parsed.automated?.kind).toBe(kind);
  });

  it('does not flag ordinary mail, or Auto-Submitted: no', async () => {
    expect((await parseEmail(mail({ 'Auto-Submitted': 'no' }, 'hello'))).automated).toBeNull();
  });

  it.each([
    ['an empty body', Buffer.alloc(0), 'body'],
    ['no sender', Buffer.from('Subject: x\r\n\r\nhello'), 'from'],
    ['an unknown charset', mail({ 'Content-Type': 'text/plain; charset=x-klingon' }, 'qapla'), 'charset'],
    ['a charset named like an object property', mail({ 'Content-Type': 'text/plain; charset=constructor' }, 'qapla'), 'charset'],
  ])('refuses %s naming the field', async (_, raw, field) => {
    const error = await parseEmail(raw).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).problems[0].field).toBe(field);
  });

  it('derives a stable Message-ID when the sender set none', async () => {
    const raw = Buffer.from('From: a@b.example\r\nSubject: x\r\n\r\nhello');
    const [a, b] = [await parseEmail(raw), await parseEmail(raw)];
    expect(a.messageIdWasGenerated).toBe(true);
    expect(a.messageId).toBe(b.messageId);
  });
});

const describeCorpus = zammadFixturesPresent() ? describe : describe.skip;
if (!zammadFixturesPresent()) console.warn(`SKIP Zammad mail fixtures: ${ZAMMAD_FIXTURES} not found (they live in ../shared/corpora beside the repository)`);

describeCorpus('Zammad real-world mail fixtures', () => {
  it('parses every mail without a crash and matches most expected fields', async () => {
    let matched = 0;
    let total = 0;
    let parsedCount = 0;
    const refused: string[] = [];
    const fixtures = loadZammadFixtures();
    for (const fixture of fixtures) {
      const parsed = await parseEmail(fixture.raw).catch((error: unknown) => {
        // A refusal must be a deliberate 4xx, never a crash.
        expect(error).toBeInstanceOf(InputValidationError);
        refused.push(`${fixture.name}: ${(error as Error).message}`);
        return null;
      });
      if (!parsed) continue;
      parsedCount++;
      if (!fixture.expected) continue;
      for (const ok of Object.values(compareWithZammad(parsed, fixture.expected))) {
        total++;
        if (ok) matched++;
      }
    }
    console.log(
      `Zammad fixtures: ${parsedCount}/${fixtures.length} mails parsed, ${refused.length} refused; ` +
        `expected fields matched ${matched}/${total} (${((100 * matched) / total).toFixed(1)}%)`,
    );
    expect(fixtures.length).toBeGreaterThanOrEqual(100);
    expect(refused).toEqual([]);
    expect(matched / total).toBeGreaterThanOrEqual(0.9);
  });
});
