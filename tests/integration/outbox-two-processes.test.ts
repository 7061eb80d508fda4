/**
 * Two server processes on one database send the outbox at the same time: each mail reaches the
 * SMTP server exactly once (the claim is a compare-and-set on what each process read).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { enqueueMail } from "~/data/outbox.server";

let server: SMTPServer | undefined;

afterEach(async () => {
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
});

/** Counts each delivered subject; a little slow per message, as real servers are, so sends overlap. */
async function countingSmtp() {
  const deliveries = new Map<string, number>();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const subject = /^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString("utf8"))?.[1] ?? "";
        deliveries.set(subject, (deliveries.get(subject) ?? 0) + 1);
        setTimeout(() => callback(), 15);
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, deliveries };
}

function startSender(file: string, smtpUrl: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/outbox-race-worker.ts", file, smtpUrl], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => (out.includes("ready") ? resolve() : undefined);
    child.stdout.on("data", check);
    child.once("exit", (code) => reject(new Error(`sender exited (${code}) before it was ready:\n${err}`)));
  });
  const done = new Promise<{ sent: number }>((resolve, reject) => {
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code === 0 && line) resolve(JSON.parse(line) as { sent: number });
      else reject(new Error(`sender failed (${code}):\n${err}`));
    });
  });
  return { ready, done, go: () => child.stdin.write("go\n") };
}

test("two processes sending one outbox: 40 mails, 40 deliveries, none twice", { timeout: 60_000 }, async () => {
  const smtp = await countingSmtp();
  const total = 40;
  for (let i = 1; i <= total; i += 1) {
    enqueueMail(db(), { to: `stall${i}@example.org`, subject: `Bevestiging ${i}`, text: `Mail ${i}`, html: `<p>Mail ${i}</p>`, template: "test", language: "nl" });
  }
  const file = process.env.DATABASE_PATH!;
  const senders = [startSender(file, smtp.url), startSender(file, smtp.url)];
  await Promise.all(senders.map((s) => s.ready));
  for (const sender of senders) sender.go();
  const results = await Promise.all(senders.map((s) => s.done));

  const twice = [...smtp.deliveries].filter(([, n]) => n > 1).map(([subject]) => subject);
  expect(twice).toEqual([]);
  expect(smtp.deliveries.size).toBe(total);
  expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(total);
  // Both took part, so the race really happened.
  expect(results.every((r) => r.sent > 0)).toBe(true);
  const rows = db().select().from(t.outbox).all();
  expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
});
