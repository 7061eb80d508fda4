/**
 * Mail delivery. With SMTP_URL set, the outbox is sent through SMTP (nodemailer, the maintained
 * standard for Node); without it mail stays in the outbox, readable by organisers, and nothing is
 * attempted.
 */
import nodemailer from "nodemailer";
import { deliverDueMail, MailServerUnavailableError, type MailTransport } from "~/data/outbox.server";
import { env } from "~/env.server";
import { registerWorker } from "./workers.server";

/**
 * How long a mail server may take. nodemailer's own defaults (2 minutes to connect, 30 s for the
 * greeting, 10 minutes of silence) let one stalled server hold the mail task for a long time.
 */
export const SMTP_TIMEOUTS = { connectionTimeoutMs: 10_000, greetingTimeoutMs: 10_000, socketTimeoutMs: 30_000 };

/** Errors that say the server cannot be reached or does not talk, not that this one mail was refused. */
const SERVER_UNAVAILABLE = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "ECONNREFUSED", "ECONNRESET"]);

export function smtpTransport(smtpUrl: string, from: string, timeouts: Partial<typeof SMTP_TIMEOUTS> = {}): MailTransport {
  const limits = { ...SMTP_TIMEOUTS, ...timeouts };
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: limits.connectionTimeoutMs,
    greetingTimeout: limits.greetingTimeoutMs,
    socketTimeout: limits.socketTimeoutMs,
  });
  return async (mail) => {
    try {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const responseCode = (error as { responseCode?: unknown }).responseCode;
      if ((typeof code === "string" && SERVER_UNAVAILABLE.has(code)) || responseCode === 421) {
        throw new MailServerUnavailableError(error instanceof Error ? error.message : String(error));
      }
      throw error;
    }
  };
}

/** The configured transport, or null when mail stays in the outbox. */
export function configuredTransport(): MailTransport | null {
  const config = env();
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL, config.MAIL_FROM) : null;
}

export function registerMailWorker() {
  const transport = configuredTransport();
  if (!transport) return;
  registerWorker({ name: "mail", run: async (now) => void (await deliverDueMail(transport, now)) });
}
