import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata } from '@ticketing/contracts';
import type { SubmissionResult } from '../submission/customer-message';
import { SubmissionService } from '../submission/submission.service';
import { ticketIdInMessageId } from '../threading/thread-keys';
import { ATTACHMENT_STORE, type AttachmentStore } from './attachment-store';
import type { AutomatedMail } from './automated-mail';
import { parseEmail } from './parse-email';

export type EmailIntakeResult = ({ accepted: true } & SubmissionResult) | { accepted: false; messageId: string; automated: AutomatedMail };

const MAX_TEXT = 50_000;

/** A raw mail (webhook POST or IMAP) → parsed → a customer message on its thread, or dropped if a robot sent it. */
@Injectable()
export class EmailIntakeService {
  constructor(
    private readonly submissions: SubmissionService,
    @Inject(ATTACHMENT_STORE) private readonly attachments: AttachmentStore,
  ) {}

  async ingest(raw: Buffer, metadata: CommandMetadata): Promise<EmailIntakeResult> {
    const mail = await parseEmail(raw);
    if (mail.automated) return { accepted: false, messageId: mail.messageId, automated: mail.automated };
    const threadIds = [...mail.references, ...mail.inReplyTo];
    const referencedTicketIds = [...new Set(threadIds.map(ticketIdInMessageId).filter((id): id is string => id !== null))];
    const attachments = await Promise.all(
      mail.attachments.map(async (a) => ({
        url: await this.attachments.put(metadata.tenantId, a.content),
        filename: a.filename.slice(0, 255),
        contentType: a.contentType,
        sizeBytes: a.size,
      })),
    );
    const text = mail.message.length > MAX_TEXT ? `${mail.message.slice(0, MAX_TEXT - 20)}\n[… truncated]` : mail.message;
    const result = await this.submissions.submit(
      {
        channel: 'email',
        channelMessageId: mail.messageId,
        customerHandle: mail.from.address,
        subject: mail.subject || undefined,
        text,
        attachments,
        // The thread's root Message-ID (first of References) names the conversation; a new mail starts one.
        conversation: { keyKind: 'email_thread', key: mail.references[0] ?? mail.inReplyTo[0] ?? mail.messageId },
        referencedTicketIds,
      },
      metadata,
    );
    return { accepted: true, ...result };
  }
}
