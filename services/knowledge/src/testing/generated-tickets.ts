import type { Category } from '@ticketing/contracts';

/** A recurring customer problem: ways customers phrase it, and what agents answer. */
export interface ProblemTemplate {
  key: string;
  category: Category;
  language: 'en' | 'zh-Hans';
  subjects: string[];
  texts: string[];
  resolution: string;
  reply: string;
}

export const PROBLEM_TEMPLATES: ProblemTemplate[] = [
  {
    key: 'gift-card-balance',
    category: 'payment',
    language: 'en',
    subjects: ['Gift card balance not applied', 'My gift card balance is missing at checkout', 'Checkout ignores gift card balance'],
    texts: [
      'I entered my gift card code at checkout but the balance was not applied to the order total.',
      'The gift card balance does not show up when I pay, the code is accepted but nothing is deducted.',
      'Gift card code accepted, balance not deducted from my payment.',
    ],
    resolution: 'Gift card balances only apply to the item subtotal; told the customer to remove the shipping insurance add-on, then the balance applied.',
    reply: 'Gift card balances cover the item subtotal only. Remove the shipping insurance add-on at checkout and the balance will be applied.',
  },
  {
    key: 'parcel-locker-code',
    category: 'logistics',
    language: 'en',
    subjects: ['Parcel locker pickup code never arrived', 'No pickup code for the parcel locker', 'Locker code missing for my parcel'],
    texts: [
      'My parcel is in the locker but I never received the pickup code by SMS.',
      'The tracking says delivered to a parcel locker, where is my pickup code?',
      'I did not get the locker pickup code, the parcel locker will return it soon.',
    ],
    resolution: 'Resent the locker pickup code from the carrier portal to the customer phone and extended the locker hold by 48 hours.',
    reply: 'We have resent your parcel locker pickup code by SMS and asked the carrier to hold the parcel 48 more hours.',
  },
  {
    key: 'invoice-tax-id',
    category: 'order_change',
    language: 'zh-Hans',
    subjects: ['发票抬头税号填错了', '开发票税号错误需要修改', '发票上的税号不对'],
    texts: ['我下单时发票税号填错了，能帮我重新开发票吗？', '发票抬头和税号写错了，需要重开发票', '收到的电子发票税号错误，怎么修改发票'],
    resolution: '作废原电子发票，按客户提供的正确税号重新开具发票并发送到邮箱。',
    reply: '已为您作废原发票，并按正确的税号重新开具电子发票，请查收邮箱。',
  },
  {
    key: 'two-factor-lockout',
    category: 'account_security',
    language: 'en',
    subjects: ['Locked out after changing phone, two-factor code', 'Two-factor authentication code goes to my old phone'],
    texts: ['I changed my phone and now the two-factor authentication code goes to my old number, I am locked out.', 'Cannot log in, the 2FA code is sent to an old phone number I no longer have.'],
    resolution: 'Verified identity with the last order number and reset two-factor authentication to the new phone number.',
    reply: 'After verifying your identity we reset two-factor authentication; codes now go to your new phone.',
  },
];

export interface GeneratedTicket {
  ticketId: string;
  problem: string;
  category: Category;
  language: string;
  subject: string;
  text: string;
  resolutionSummary: string;
  reply: string;
  resolvedAt: number;
}

/** `counts[key]` tickets of each problem, resolved one minute apart from `start`, phrased in turn. */
export function generateTickets(counts: Record<string, number>, start: number, idPrefix: string): GeneratedTicket[] {
  const tickets: GeneratedTicket[] = [];
  let minute = 0;
  for (const template of PROBLEM_TEMPLATES) {
    for (let i = 0; i < (counts[template.key] ?? 0); i++) {
      tickets.push({
        ticketId: `${idPrefix}-${template.key}-${i}`,
        problem: template.key,
        category: template.category,
        language: template.language,
        subject: template.subjects[i % template.subjects.length],
        text: template.texts[i % template.texts.length],
        resolutionSummary: template.resolution,
        reply: template.reply,
        resolvedAt: start + minute++ * 60_000,
      });
    }
  }
  return tickets;
}
