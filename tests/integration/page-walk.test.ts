/**
 * Every page of the demo, as each role and each language sees it: a walk that starts at the entry
 * pages and follows the links a person can click. Each page must open (no 403 behind a link a
 * role is shown, no 500), show no machine words (JSON, codes, validator phrases, environment
 * variable names, undefined/NaN) and have unique ids with labels that point at their own field.
 */
import { describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import * as t from "#db/schema";
import { db } from "~/data/db.server";
import { seedDemo } from "~/data/demo.server";
import { changeEditionStatus } from "~/data/edition-status.server";
import { runCancellationJob, runnableJobs } from "~/data/money.server";
import { updateApplicationByStallholder } from "~/data/applications.server";
import { adjustFee } from "~/data/application-review.server";
import { renderPage } from "#tests/helpers/remix";
import { idProblems, phoneTableProblems, machineWords } from "#tests/helpers/page-text";
import { signedIn } from "./organiser-fixtures";

type Role = "anonymous" | "stallholder" | "volunteer" | "organiser" | "admin";
const LANGUAGES = ["nl", "en"] as const;
const NOW = new Date();

/** Links not to follow as pages: files, feeds and endpoints for programs, checked for status only. */
const RESOURCE = /\.(csv|geojson|xml|json|svg|png|ico|webmanifest)(\?|$)|^\/(build|webhooks|healthz)\b/;
const PER_PATTERN = 4;

interface Visit {
  path: string;
  role: Role;
  language: (typeof LANGUAGES)[number];
  from: string;
}

function patternOf(path: string): string {
  const [pathname, query = ""] = path.split("?");
  const keys = [...new URLSearchParams(query).keys()].sort().join("&");
  return `${pathname!.replace(/\/a\/[\w-]{16,}/, "/a/TOKEN").replace(/\d+/g, "N")}?${keys}`;
}

function linksOf(html: string, from: string): string[] {
  const body = html.replace(/<script\b[\s\S]*?<\/script>/gi, " ");
  const links: string[] = [];
  for (const match of body.matchAll(/<a\b[^>]*?\shref="([^"]+)"/gi)) {
    const href = match[1]!.replace(/&amp;/g, "&");
    if (/^(mailto:|tel:|#|https?:|javascript:)/i.test(href)) continue;
    const url = new URL(href, `http://localhost${from}`);
    url.searchParams.delete("lang");
    links.push(url.pathname + (url.search ? url.search : ""));
  }
  return links;
}

interface WalkResult {
  pages: number;
  problems: string[];
}

async function walk(starts: { role: Role; paths: string[]; cookie?: string }[]): Promise<WalkResult> {
  const problems: string[] = [];
  let pages = 0;
  for (const { role, paths, cookie } of starts) {
    for (const language of LANGUAGES) {
      const seenPatterns = new Map<string, number>();
      const seen = new Set<string>();
      const queue: Visit[] = paths.map((path) => ({ path, role, language, from: "(start)" }));
      while (queue.length > 0) {
        const visit = queue.shift()!;
        if (seen.has(visit.path)) continue;
        seen.add(visit.path);
        const pattern = patternOf(visit.path);
        const isStart = visit.from === "(start)";
        if (!isStart && (seenPatterns.get(pattern) ?? 0) >= PER_PATTERN) continue;
        seenPatterns.set(pattern, (seenPatterns.get(pattern) ?? 0) + 1);

        const headers: Record<string, string> = { Cookie: [cookie, `lang=${language}`].filter(Boolean).join("; ") };
        const response = await renderPage(visit.path, { headers });
        const where = `${role}/${language} ${visit.path} (linked from ${visit.from})`;
        if (response.status === 403) problems.push(`${where}: answers 403 although this role is shown the link`);
        if (response.status >= 500) problems.push(`${where}: answers ${response.status}`);
        if (response.status >= 300 && response.status < 400) {
          const location = response.headers.get("Location");
          if (location && location.startsWith("/") && !location.startsWith("/organiser/sign-in")) {
            queue.push({ path: location, role, language, from: visit.path });
          }
          continue;
        }
        if (RESOURCE.test(visit.path) || !(response.headers.get("Content-Type") ?? "").includes("text/html")) continue;
        if (response.status !== 200 && response.status !== 404) continue;
        pages += 1;
        const html = await response.text();
        for (const finding of machineWords(html)) problems.push(`${where}: ${finding.kind} «${finding.match}» in «${finding.context}»`);
        for (const problem of idProblems(html)) problems.push(`${where}: ${problem}`);
        for (const problem of phoneTableProblems(html)) problems.push(`${where}: ${problem}`);
        for (const link of linksOf(html, visit.path)) {
          if (link.startsWith("/organiser/sign-out")) continue;
          if (role === "stallholder" && link.startsWith("/organiser")) continue;
          queue.push({ path: link, role, language, from: visit.path });
        }
      }
    }
  }
  return { pages, problems };
}

function demoStarts(privateTokens: string[]) {
  const starts: { role: Role; paths: string[]; cookie?: string }[] = [
    { role: "anonymous", paths: ["/", "/map", "/map?view=list", "/apply", "/programme", "/lost-link", "/privacy", "/market-rules", "/open-data", "/organiser/sign-in", "/organiser/forgot-password", "/nergens"] },
    { role: "stallholder", paths: privateTokens.flatMap((token) => [`/a/${token}`, `/a/${token}/edit`, `/a/${token}/withdraw`]) },
  ];
  const applications = db().select().from(t.applications).all();
  // One application page per combination of states, so every state's wording is read.
  const byState = new Map<string, number>();
  for (const a of applications) byState.set(`${a.reviewState}/${a.paymentState}`, byState.get(`${a.reviewState}/${a.paymentState}`) ?? a.id);
  const applicationPages = [...byState.values()].flatMap((id) => [`/organiser/applications/${id}`, `/organiser/payments/${id}`]);
  for (const role of ["volunteer", "organiser", "admin"] as const) {
    const { cookie } = signedIn(role);
    starts.push({ role, cookie, paths: ["/organiser", ...(role === "volunteer" ? [] : applicationPages), ...(role === "volunteer" ? applicationPages.filter((p) => p.includes("/applications/")) : [])] });
  }
  return starts;
}

function report(result: WalkResult) {
  // One line per distinct problem (the first page it was seen on, and how often), so a failure
  // reads as a list of things to fix.
  const byWhat = new Map<string, { first: string; count: number }>();
  for (const problem of result.problems) {
    const [where, what] = problem.split(/: (.*)/s) as [string, string];
    const key = what.replace(/ in «.*»$/s, "");
    const entry = byWhat.get(key);
    if (entry) entry.count += 1;
    else byWhat.set(key, { first: `${where}: ${what}`, count: 1 });
  }
  return [...byWhat.values()].map((e) => `${e.first}${e.count > 1 ? `  (${e.count}×)` : ""}`).join("\n");
}

describe("every page, every role, both languages", () => {
  test("the demo edition as it stands, with a stallholder's change and a fee correction in the history", async () => {
    const { privateLinks } = await seedDemo(NOW);
    const admin = db().select().from(t.organisers).where(eq(t.organisers.role, "admin")).get()!;
    const submitted = db().select().from(t.applications).where(eq(t.applications.reviewState, "submitted")).get()!;
    const changed = updateApplicationByStallholder({
      token: submitted.accessToken,
      values: {
        version: submitted.version,
        stallName: submitted.stallName,
        description: `${submitted.description} Nu ook met 6 meter.`,
        categoryId: submitted.categoryId,
        contactName: submitted.contactName,
        email: submitted.email,
        phone: submitted.phone,
        postcode: submitted.postcode,
        applicantKind: submitted.applicantKind,
        kvkNumber: submitted.kvkNumber,
        frontageCm: 600,
        depthCm: submitted.depthCm,
        needsElectricity: submitted.needsElectricity,
        electricityWatts: submitted.electricityWatts,
        rentedStalls: submitted.rentedStalls,
        remarks: submitted.remarks,
        language: submitted.language,
        dayIds: db().select().from(t.applicationDays).where(eq(t.applicationDays.applicationId, submitted.id)).all().map((d) => d.eventDayId),
      },
      now: NOW,
      appUrl: "http://localhost",
    });
    expect(changed.kind).toBe("saved");
    const unpaid = db().select().from(t.applications).where(eq(t.applications.paymentState, "pending")).get()!;
    expect(adjustFee({ id: unpaid.id, editionId: unpaid.editionId, version: unpaid.version, adjustmentCents: -500, reason: "Korting voor de buurtvereniging", organiserId: admin.id, now: NOW }).ok).toBe(true);

    const result = await walk(demoStarts(privateLinks.map((link) => link.token)));
    expect(result.pages).toBeGreaterThan(60);
    expect(report(result)).toBe("");
  }, 240_000);

  test("after a cancellation with online payment switched off: refunds to do by hand", async () => {
    const { privateLinks, editionId } = await seedDemo(NOW);
    const admin = db().select().from(t.organisers).where(eq(t.organisers.role, "admin")).get()!;
    const changed = changeEditionStatus({
      editionId,
      to: "cancelled",
      expectedFrom: "scheduled",
      messageNl: "De markt gaat niet door vanwege de verwachte storm.",
      messageEn: "The market is cancelled because of the expected storm.",
      decisionExpectedOn: null,
      organiserId: admin.id,
      appUrl: "http://localhost",
      now: NOW,
    });
    expect(changed.ok).toBe(true);
    for (const job of runnableJobs(NOW)) await runCancellationJob(job.id, null, NOW);

    const result = await walk(demoStarts(privateLinks.map((link) => link.token)));
    expect(result.pages).toBeGreaterThan(60);
    expect(report(result)).toBe("");
  }, 240_000);
});
