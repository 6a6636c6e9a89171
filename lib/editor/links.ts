/** A link must lead somewhere a delegate can safely open: a web page or an e-mail address. */
export function normaliseLink(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(candidate);
    if (url.protocol === "mailto:") return /^[^@]+@[^@]+\.[^@]+$/.test(url.pathname) ? url.href : null;
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return /^([a-z0-9-]+\.)+[a-z]{2,}$/i.test(url.hostname) || url.hostname === "localhost" ? url.href : null;
  } catch {
    return null;
  }
}
