import { headers } from "next/headers";
import { env } from "@/lib/env";

/** The public base URL for links people copy out of Accord: NEXTAUTH_URL when set, else the request's own host. */
export async function requestAppUrl(): Promise<string> {
  const configured = env().NEXTAUTH_URL;
  if (configured) return configured.replace(/\/$/, "");
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto") ?? "http";
  return `${protocol}://${host}`;
}

/** The same, for route handlers that have the request at hand. */
export function appUrlFromRequest(request: Request): string {
  return env().NEXTAUTH_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}
