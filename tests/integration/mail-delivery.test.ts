// Outgoing mail end to end: from the outbox through a real SMTP server on a loopback port
// (smtp-server, started here), and the sender's retries with backoff when the server refuses.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { afterEach, describe, expect, test } from "vitest";
import * as t from "#db/schema";
import { createApplication } from "~/data/applications.server";
import { db } from "~/data/db.server";
import { backoffMs, deliverDueMail, MAX_ATTEMPTS } from "~/data/outbox.server";
import { smtpTransport } from "~/services/mail.server";
import { makeEdition } from "#tests/helpers/factories";
import { eq } from "drizzle-orm";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let server: SMTPServer | undefined;

/** An SMTP server on 127.0.0.1 that keeps what it receives; `refuse` makes it answer 451 to RCPT TO. */
async function startSmtp(state: { refuse: boolean }) {
  const received: Received[] = [];
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (state.refuse) {
        const error = new Error("Mailbox temporarily unavailable, try later") as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received };
}

afterEach(async () => {
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
});

/** The decoded text of the first MIME part of `type` (quoted-printable or base64). */
function mimePart(raw: string, type: "text/plain" | "text/html"): string {
  const start = raw.indexOf(`Content-Type: ${type}`);
  if (start < 0) throw new Error(`no ${type} part`);
  const headersEnd = raw.indexOf("\r\n\r\n", start);
  const headers = raw.slice(start, headersEnd);
  const bodyEnd = raw.indexOf("\r\n--", headersEnd);
  const body = raw.slice(headersEnd + 4, bodyEnd < 0 ? undefined : bodyEnd);
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
  }
  return body;
}

function applyNow(language: "nl" | "en" = "nl") {
  const { edition, days, categories } = makeEdition();
  db().update(t.editions).set({ applicationsOpenAt: new Date(Date.now() - 3600_000) }).where(eq(t.editions.id, edition.id)).run();
  const outcome = createApplication({
    editionId: edition.id,
    now: new Date(),
    appUrl: "https://zomerparade.example",
    values: {
      submissionKey: "smtp-test-key-0000001",
      language,
      stallName: "Zoë's <b>Wafels</b> 🧇",
      description: "",
      categoryId: categories[0]!.id,
      contactName: "Zoë Yılmaz",
      email: "zoe@example.org",
      phone: "0612345678",
      applicantKind: "resident",
      postcode: "3812 AB",
      kvkNumber: null,
      frontageCm: 300,
      depthCm: 300,
      needsElectricity: false,
      electricityWatts: null,
      rentedStalls: 0,
      dayIds: [days[0]!.id],
      remarks: "",
    },
  });
  if (outcome.kind !== "created") throw new Error(`not created: ${outcome.kind}`);
  return outcome;
}

describe("mail through SMTP", () => {
  test("the confirmation mail arrives at a real SMTP server: sender, recipient, subject, text and HTML with the private link", async () => {
    const smtp = await startSmtp({ refuse: false });
    const { token } = applyNow();
    const result = await deliverDueMail(smtpTransport(smtp.url, "SK Zomerparade <zomerparade@example.org>"));
    expect(result).toEqual({ sent: 1, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0]!;
    expect(message.from).toBe("zomerparade@example.org");
    expect(message.to).toEqual(["zoe@example.org"]);
    expect(message.raw).toMatch(/^From: SK Zomerparade <zomerparade@example\.org>$/m);
    expect(message.raw).toMatch(/^To: zoe@example\.org$/m);
    // A subject with non-ASCII characters travels MIME-encoded.
    expect(message.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const text = mimePart(message.raw, "text/plain");
    expect(text).toContain("Beste Zoë Yılmaz,");
    expect(text).toContain(`https://zomerparade.example/a/${token}`);
    const html = mimePart(message.raw, "text/html");
    expect(html).toContain(`href="https://zomerparade.example/a/${token}?lang=nl"`);
    expect(html).toContain("Zoë&#39;s &lt;b&gt;Wafels&lt;/b&gt; 🧇");
    expect(html).not.toContain("<b>Wafels</b>");

    const row = db().select().from(t.outbox).get()!;
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    // Sent once: another run sends nothing.
    expect(await deliverDueMail(smtpTransport(smtp.url, "zomerparade@example.org"))).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  test("a refusing server: the mail waits with growing backoff, is retried when due, and goes out once the server accepts", async () => {
    const state = { refuse: true };
    const smtp = await startSmtp(state);
    applyNow("en");
    const transport = smtpTransport(smtp.url, "zomerparade@example.org");
    const t0 = new Date();

    expect(await deliverDueMail(transport, t0)).toEqual({ sent: 0, failed: 1 });
    let row = db().select().from(t.outbox).get()!;
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/451/);
    expect(row.nextAttemptAt!.getTime()).toBe(t0.getTime() + backoffMs(1));
    expect(backoffMs(1)).toBe(60_000);

    // Not due yet: not attempted.
    expect(await deliverDueMail(transport, new Date(t0.getTime() + 30_000))).toEqual({ sent: 0, failed: 0 });
    expect(db().select().from(t.outbox).get()!.attempts).toBe(1);

    // Due: attempted again, refused again, and the wait doubles.
    const t1 = new Date(t0.getTime() + 61_000);
    expect(await deliverDueMail(transport, t1)).toEqual({ sent: 0, failed: 1 });
    row = db().select().from(t.outbox).get()!;
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt!.getTime()).toBe(t1.getTime() + 120_000);

    // The server accepts again: the mail goes out on its next turn, and the application was never at risk.
    state.refuse = false;
    expect(await deliverDueMail(transport, new Date(t1.getTime() + 121_000))).toEqual({ sent: 1, failed: 0 });
    expect(db().select().from(t.outbox).get()).toMatchObject({ status: "sent", attempts: 3 });
    expect(smtp.received).toHaveLength(1);
    expect(mimePart(smtp.received[0]!.raw, "text/plain")).toContain("Dear Zoë Yılmaz,");
    expect(db().select().from(t.applications).all()).toHaveLength(1);
  });

  test(`after ${MAX_ATTEMPTS} refusals the mail is marked failed (for an organiser to retry), and the application stays`, async () => {
    const smtp = await startSmtp({ refuse: true });
    applyNow();
    const transport = smtpTransport(smtp.url, "zomerparade@example.org");
    let now = Date.now();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      expect(await deliverDueMail(transport, new Date(now))).toEqual({ sent: 0, failed: 1 });
      now += backoffMs(attempt) + 1;
    }
    expect(db().select().from(t.outbox).get()).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(await deliverDueMail(transport, new Date(now + 365 * 24 * 3600_000))).toEqual({ sent: 0, failed: 0 });
    expect(db().select().from(t.applications).all()).toHaveLength(1);
  });
});
