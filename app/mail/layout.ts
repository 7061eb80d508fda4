/**
 * One look for every mail: plain text and HTML from the same parts. Everything a person typed is
 * escaped in the HTML. The edition's status (when it is not "goes ahead") heads every mail.
 */
import type { PublicStatus } from "~/rules/edition-status";

export interface MailParts {
  language: "nl" | "en";
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** A button in HTML, a bare link in text. */
  action?: { label: string; url: string };
  /** Extra lines as a small table: label → value (e.g. a fee breakdown). */
  facts?: [string, string][];
  /** A list of links (e.g. every private link for one address): anchors in HTML, "label: url" in text. */
  links?: { label: string; url: string }[];
  status?: PublicStatus & { title: string };
  signature: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A link in a mail opens in the mail's language: `?lang=nl|en` is set (replacing any other). */
export function withLanguage(url: string, language: "nl" | "en"): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.searchParams.set("lang", language);
  return parsed.toString();
}

export function renderMail(input: MailParts) {
  const parts: MailParts = {
    ...input,
    action: input.action ? { ...input.action, url: withLanguage(input.action.url, input.language) } : undefined,
    links: input.links?.map((l) => ({ ...l, url: withLanguage(l.url, input.language) })),
  };
  const statusLines =
    parts.status && parts.status.status !== "scheduled"
      ? [parts.status.title, parts.status.message].filter(Boolean)
      : [];
  const text = [
    ...(statusLines.length ? [statusLines.join("\n"), ""] : []),
    parts.greeting,
    "",
    ...parts.paragraphs.flatMap((p) => [p, ""]),
    ...(parts.facts?.length ? [...parts.facts.map(([k, v]) => `${k}: ${v}`), ""] : []),
    ...(parts.links?.length ? [...parts.links.map((l) => `${l.label}: ${l.url}`), ""] : []),
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`, ""] : []),
    parts.signature,
  ].join("\n");

  const html = `<!doctype html><html lang="${parts.language}"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2933;line-height:1.5;max-width:36rem;margin:0 auto;padding:1rem">
${statusLines.length ? `<div style="padding:.75rem 1rem;background:${parts.status?.status === "cancelled" ? "#fde8e7" : "#fff4ce"};border-left:6px solid ${parts.status?.status === "cancelled" ? "#b42318" : "#8a5a00"};margin-bottom:1rem"><strong>${escapeHtml(statusLines[0]!)}</strong>${statusLines[1] ? `<br>${escapeHtml(statusLines[1])}` : ""}</div>` : ""}
<p>${escapeHtml(parts.greeting)}</p>
${parts.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("\n")}
${parts.facts?.length ? `<table style="border-collapse:collapse;margin:1rem 0">${parts.facts.map(([k, v]) => `<tr><td style="padding:.2rem 1rem .2rem 0">${escapeHtml(k)}</td><td style="padding:.2rem 0;text-align:right">${escapeHtml(v)}</td></tr>`).join("")}</table>` : ""}
${parts.links?.length ? `<ul>${parts.links.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a><br><span style="font-size:.85rem;color:#52606d">${escapeHtml(l.url)}</span></li>`).join("")}</ul>` : ""}
${parts.action ? `<p><a href="${escapeHtml(parts.action.url)}" style="display:inline-block;padding:.6rem 1rem;background:#1f2933;color:#fff;border-radius:.4rem;text-decoration:none">${escapeHtml(parts.action.label)}</a></p><p style="font-size:.85rem;color:#52606d">${escapeHtml(parts.action.url)}</p>` : ""}
<p>${escapeHtml(parts.signature).replace(/\n/g, "<br>")}</p>
</body></html>`;
  return { subject: parts.subject, text, html };
}
