import { env } from "@/lib/env";

/** The base of links in emails: the configured public URL, else this server's own address. */
export function mailAppUrl(): string {
  const config = env();
  return (config.NEXTAUTH_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
}

/** A header-safe one-line text: control characters (CR/LF included) become spaces, so no name or title can add a header. */
export function headerSafe(text: string, maxLength = 200): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export type EmailContent = { subject: string; text: string; html: string };

/**
 * One email in Accord's voice: a greeting, what happened, one link to the exact place, and a
 * footer saying why it came and how to change that (a signed link that works without signing in).
 */
export function composeEmail({ recipientName, subject, paragraphs, linkUrl, linkLabel, reason, preferencesUrl }: {
  recipientName: string;
  subject: string;
  paragraphs: string[];
  linkUrl: string;
  linkLabel: string;
  reason: string;
  preferencesUrl: string;
}): EmailContent {
  const text = [
    `Dear ${recipientName},`,
    "",
    ...paragraphs.flatMap((paragraph) => [paragraph, ""]),
    `${linkLabel}: ${linkUrl}`,
    "",
    "--",
    `${reason} Change what Accord sends you: ${preferencesUrl}`,
    "Accord · RCC Working Group on interoperability and trust services",
  ].join("\n");
  const html = [
    `<!doctype html><html><body style="font-family:Georgia,serif;color:#1d2433;line-height:1.5;max-width:36rem">`,
    `<p>Dear ${escapeHtml(recipientName)},</p>`,
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`),
    `<p><a href="${escapeHtml(linkUrl)}" style="color:#1f4e8c">${escapeHtml(linkLabel)}</a></p>`,
    `<hr style="border:none;border-top:1px solid #d5dae3">`,
    `<p style="font-size:0.85em;color:#4a5468">${escapeHtml(reason)} <a href="${escapeHtml(preferencesUrl)}">Change what Accord sends you</a>.<br>`,
    `Accord · RCC Working Group on interoperability and trust services</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject: headerSafe(subject), text, html };
}
