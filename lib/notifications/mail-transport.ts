import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { mailSender } from "@/lib/notifications/mail-from";

export type OutgoingEmail = {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  calendarMethod: string | null;
  calendar: string | null;
  headers: string;
};

/** Where emails go: an SMTP server, or nowhere but the outbox page (the embedded default). */
export type MailTransport = { isStoreOnly: boolean; send: (email: OutgoingEmail) => Promise<void>; close: () => void };

/** Thrown for an answer that will not change on retry (a 5xx for the recipient): the address is marked. */
export class PermanentDeliveryError extends Error {}

/** The transport configured by SMTP_URL, or the store-only one without it. */
export function mailTransportFromEnvironment(): MailTransport {
  const smtpUrl = env().SMTP_URL;
  return smtpUrl ? smtpTransport(smtpUrl) : { isStoreOnly: true, send: async () => {}, close: () => {} };
}

/** Sends through SMTP with nodemailer; a stable Message-ID lets a mail system drop a repeat after a crash mid-send. */
export function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  const from = mailSender();
  return {
    isStoreOnly: false,
    close: () => transporter.close(),
    send: async (email) => {
      try {
        await transporter.sendMail({
          from: { name: from.name, address: from.address },
          to: email.toAddress,
          subject: email.subject,
          text: email.textBody,
          html: email.htmlBody,
          messageId: `<${email.id}@accord>`,
          headers: JSON.parse(email.headers) as Record<string, string>,
          // An iTIP invitation as its own text/calendar alternative, as Outlook and Google expect.
          ...(email.calendar && email.calendarMethod ? { icalEvent: { method: email.calendarMethod, content: email.calendar } } : {}),
        });
      } catch (error) {
        const responseCode = (error as { responseCode?: number }).responseCode;
        if (typeof responseCode === "number" && responseCode >= 500 && responseCode < 600) {
          throw new PermanentDeliveryError(error instanceof Error ? error.message : String(error));
        }
        throw error;
      }
    },
  };
}
