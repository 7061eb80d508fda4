/**
 * The RSS 2.0 feed of an edition's status changes (/status.xml, issue 17): for whoever follows the
 * market or re-posts its news. Public facts only: the status, its message, the market days and the
 * moment; never who changed it. Pure: the texts come in already translated.
 */
export interface FeedItem {
  id: number;
  title: string;
  description: string;
  changedAt: Date;
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function statusFeed(input: { title: string; link: string; description: string; language: "nl" | "en"; items: FeedItem[] }): string {
  const items = input.items
    .map(
      (item) => `    <item>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(input.link)}</link>
      <description>${escapeXml(item.description)}</description>
      <pubDate>${item.changedAt.toUTCString()}</pubDate>
      <guid isPermaLink="false">zomerparade-status-${item.id}</guid>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(input.title)}</title>
    <link>${escapeXml(input.link)}</link>
    <atom:link href="${escapeXml(`${input.link.replace(/\/$/, "")}/status.xml?lang=${input.language}`)}" rel="self" type="application/rss+xml"/>
    <description>${escapeXml(input.description)}</description>
    <language>${input.language === "en" ? "en-GB" : "nl-NL"}</language>
${input.items[0] ? `    <lastBuildDate>${input.items[0].changedAt.toUTCString()}</lastBuildDate>\n` : ""}${items}
  </channel>
</rss>
`;
}
