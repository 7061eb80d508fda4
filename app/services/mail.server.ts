/**
 * Mail delivery. With SMTP_URL set, the outbox is sent through SMTP (nodemailer, the maintained
 * standard for Node); without it mail stays in the outbox, readable by organisers, and nothing is
 * attempted.
 */
import nodemailer from "nodemailer";
import { deliverDueMail, type MailTransport } from "~/data/outbox.server";
import { env } from "~/env.server";
import { registerWorker } from "./workers.server";

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
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
