// Issue 13, item 4: invitation subjects name the role, links carry the mail's language, account
// mails are on the admin's E-mails page with the link redacted, and the link is shown once.
import { expect, test } from "vitest";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { makeEdition } from "#tests/helpers/factories";
import { asResponse, loaderArgs } from "#tests/helpers/remix";
import { formRequest, signedIn } from "#tests/helpers/signed-in";
import { action as accountsAction } from "~/routes/organiser.accounts";
import { action as resetAction } from "~/routes/organiser.forgot-password";
import { loader as outboxLoader } from "~/routes/organiser.outbox";
import { eq } from "drizzle-orm";

async function invite(cookie: string, email: string, role: string, lang: "nl" | "en") {
  const res = await asResponse(await accountsAction(formRequest(`/organiser/accounts?lang=${lang}`, { intent: "invite", email, name: "Nieuw", role }, cookie)));
  return (await res.json()) as { inviteLink: string | null; message: string | null };
}

test("a volunteer's invitation names the role, its link carries the language, and the admin sees the link once", async () => {
  makeEdition();
  const admin = signedIn("admin");
  const body = await invite(admin.cookie, "vrijwilliger.nieuw@example.org", "volunteer", "en");
  expect(body.message).toBe("organiser.invited");
  expect(body.inviteLink).toMatch(/\/organiser\/reset-password\/[A-Za-z0-9_-]{20,}\?lang=en$/);
  const mail = db().select().from(t.outbox).where(eq(t.outbox.toAddress, "vrijwilliger.nieuw@example.org")).get()!;
  expect(mail.subject).toBe("You have been invited as a volunteer of SK Zomerparade");
  expect(mail.textBody).toContain("?lang=en");
  expect(mail.htmlBody).toContain("?lang=en");
  const nl = await invite(admin.cookie, "beheerder.nieuw@example.org", "admin", "nl");
  expect(nl.inviteLink).toContain("?lang=nl");
  const adminMail = db().select().from(t.outbox).where(eq(t.outbox.toAddress, "beheerder.nieuw@example.org")).get()!;
  expect(adminMail.subject).toBe("Je bent uitgenodigd als beheerder van de SK Zomerparade");
});

test("account mails are on the admin's E-mails page with the secret link redacted, not on an organiser's", async () => {
  makeEdition();
  const admin = signedIn("admin");
  const { inviteLink } = await invite(admin.cookie, "organisator.nieuw@example.org", "organiser", "nl");
  const token = inviteLink!.split("/reset-password/")[1]!.split("?")[0]!;
  const list = async (cookie: string) => {
    const res = await asResponse(outboxLoader(loaderArgs("/organiser/outbox", { headers: { Cookie: cookie } })));
    return (await res.json()) as { mails: { to: string; text: string }[] };
  };
  const seen = (await list(admin.cookie)).mails.find((m) => m.to === "organisator.nieuw@example.org");
  expect(seen).toBeDefined();
  expect(seen!.text).not.toContain(token);
  const organiser = signedIn("organiser");
  expect((await list(organiser.cookie)).mails.find((m) => m.to === "organisator.nieuw@example.org")).toBeUndefined();
});

test("a password-reset mail is on the admin's E-mails page in the reader's language, with its secret link redacted", async () => {
  makeEdition();
  const admin = signedIn("admin");
  const someone = signedIn("volunteer");
  await resetAction(formRequest("/organiser/forgot-password?lang=en", { email: someone.organiser.email }));
  const queued = db().select().from(t.outbox).where(eq(t.outbox.toAddress, someone.organiser.email)).get()!;
  expect(queued.subject).toBe("A new password for SK Zomerparade");
  const token = /\/organiser\/reset-password\/([A-Za-z0-9_-]{20,})\?lang=en/.exec(queued.textBody)?.[1];
  expect(token).toBeDefined();
  const res = await asResponse(outboxLoader(loaderArgs("/organiser/outbox", { headers: { Cookie: admin.cookie } })));
  const seen = ((await res.json()) as { mails: { to: string; subject: string; text: string }[] }).mails.find((m) => m.to === someone.organiser.email);
  expect(seen?.subject).toBe("A new password for SK Zomerparade");
  expect(seen!.text).not.toContain(token!);
  const organiser = signedIn("organiser");
  const theirs = await asResponse(outboxLoader(loaderArgs("/organiser/outbox", { headers: { Cookie: organiser.cookie } })));
  expect(((await theirs.json()) as { mails: { to: string }[] }).mails.find((m) => m.to === someone.organiser.email)).toBeUndefined();
});
