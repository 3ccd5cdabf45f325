import nodemailer from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID, so a resend after an unclear crash is recognisably the same message. */
  messageId: string;
  /** Files sent with the message (a dispatch's extract). */
  attachments?: { filename: string; content: string; contentType: string }[];
  /**
   * Ask for delivery status notifications (RFC 3461) with this envelope id; nodemailer adds them only when the
   * server offers DSN, so a server without it still takes the mail.
   */
  dsnId?: string;
}

/** What sends mail: SMTP through nodemailer in production and in tests (against an in-process server). */
export interface Mailer {
  from: string;
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

export interface MailSettings {
  /** smtp://user:pass@host:587 or smtps://…; from PARAGRAF_SMTP_URL. */
  url: string;
  /** Sender, e.g. "Malmö stad <diariet@malmo.se>"; from PARAGRAF_MAIL_FROM. */
  from: string;
}

/** The mail settings from the environment, or null when no SMTP server is configured. */
export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings | null {
  if (!env.PARAGRAF_SMTP_URL) return null;
  return { url: env.PARAGRAF_SMTP_URL, from: env.PARAGRAF_MAIL_FROM ?? "Paragraf <paragraf@localhost>" };
}

export function createMailer(settings: MailSettings): Mailer {
  const transport = nodemailer.createTransport(settings.url);
  return {
    from: settings.from,
    async send(mail) {
      const info = await transport.sendMail({
        from: settings.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
        ...(mail.dsnId
          ? {
              dsn: {
                envid: mail.dsnId,
                ret: "HDRS" as const,
                notify: ["FAILURE" as const, "DELAY" as const],
                orcpt: mail.to,
              },
            }
          : {}),
      });
      return { response: String(info.response ?? "") };
    },
    close: () => transport.close(),
  };
}
