import { headers } from "next/headers";
import { env } from "@/lib/env";

// A host name, IPv4 or bracketed IPv6 address, with an optional port: nothing a header could smuggle into a link.
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The public base URL of every absolute link Accord writes (calendar files, invitation links,
 * subscription URLs): NEXTAUTH_URL when set; otherwise the request's own Host, or, behind
 * ACCORD_TRUSTED_PROXIES proxies, the X-Forwarded-Host and X-Forwarded-Proto the nearest proxy set.
 * One function, so a page and the file it links to never disagree.
 */
export function appUrlFromHeaders(requestHeaders: Headers): string {
  const config = env();
  if (config.NEXTAUTH_URL) return config.NEXTAUTH_URL.replace(/\/$/, "");
  const isBehindProxy = config.ACCORD_TRUSTED_PROXIES > 0;
  const forwardedHost = isBehindProxy ? lastListValue(requestHeaders.get("x-forwarded-host")) : null;
  const forwardedProtocol = isBehindProxy ? lastListValue(requestHeaders.get("x-forwarded-proto"))?.toLowerCase() : null;
  const host = [forwardedHost, requestHeaders.get("host")].find((candidate) => candidate && HOST_PATTERN.test(candidate));
  const protocol = forwardedProtocol === "https" || forwardedProtocol === "http" ? forwardedProtocol : "http";
  return `${protocol}://${host ?? `localhost:${config.PORT}`}`;
}

/** The public base URL for server components and actions (see appUrlFromHeaders). */
export async function requestAppUrl(): Promise<string> {
  return appUrlFromHeaders(await headers());
}

/** The public base URL for route handlers (see appUrlFromHeaders). */
export function appUrlFromRequest(request: Request): string {
  return appUrlFromHeaders(request.headers);
}

// Each proxy appends its own value; the last one comes from the proxy nearest to Accord, the one trusted.
function lastListValue(value: string | null): string | null {
  return value?.split(",").at(-1)?.trim() || null;
}
