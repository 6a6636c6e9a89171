import { NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { AppError, assertWellFormedText, errorBody, httpStatusOf } from "@/lib/errors";
import { authorize, type Actor } from "@/lib/policy";

/** The largest JSON body an API route reads; the biggest real one (a long comment) is far smaller. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

const STATE_CHANGING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Wraps an API route: expected errors become their status and message; bugs become a logged 500.
 * Every state-changing request is checked for cross-site forgery before the handler runs.
 */
export function apiRoute<Context>(handler: (request: Request, context: Context) => Promise<unknown>, { acceptsUploads = false }: { acceptsUploads?: boolean } = {}) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      if (STATE_CHANGING_METHODS.has(request.method)) assertNotForged(request.headers, { acceptsUploads });
      const result = await handler(request, context);
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return NextResponse.json(errorBody(error), { status: httpStatusOf(error) });
    }
  };
}

/**
 * The CSRF rule for state-changing requests:
 * - a body must be declared `application/json` (a cross-site HTML form or a no-cors fetch can only send
 *   form encodings or text/plain); a request with no body may omit Content-Type;
 * - a browser always sends Origin on these methods: it must be this site's (its Host, NEXTAUTH_URL,
 *   an ACCORD_ALLOWED_ORIGINS entry, or X-Forwarded-Host behind trusted proxies). Without Origin,
 *   Sec-Fetch-Site, when present, must be `same-origin`. A request with neither comes from a
 *   non-browser client, which has no victim's cookie to borrow, and is left to authentication.
 * - a route that takes a file upload (`acceptsUploads`) also accepts multipart/form-data, which a
 *   cross-site form can send; a browser always sends Origin with it, so there Origin is required.
 */
export function assertNotForged(headers: Headers, { acceptsUploads = false }: { acceptsUploads?: boolean } = {}): void {
  const contentType = headers.get("content-type");
  const hasBody = Number(headers.get("content-length") ?? 0) > 0 || headers.has("transfer-encoding");
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const isUpload = acceptsUploads && mediaType === "multipart/form-data";
  if ((contentType !== null || hasBody) && mediaType !== "application/json" && !isUpload) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  if (isUpload && headers.has("sec-fetch-site") && !headers.has("origin")) throw new AppError("FORBIDDEN", "This request came from another site and was refused.");
  const origin = headers.get("origin");
  if (origin !== null) {
    if (!ownOrigins(headers).has(origin.toLowerCase())) throw new AppError("FORBIDDEN", "This request came from another site and was refused.");
    return;
  }
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") throw new AppError("FORBIDDEN", "This request came from another site and was refused.");
}

function ownOrigins(headers: Headers): Set<string> {
  const config = env();
  const origins = new Set<string>(config.ACCORD_ALLOWED_ORIGINS.map((origin) => origin.toLowerCase()));
  if (config.NEXTAUTH_URL) origins.add(new URL(config.NEXTAUTH_URL).origin.toLowerCase());
  const hosts = [headers.get("host")];
  if (config.ACCORD_TRUSTED_PROXIES > 0) hosts.push(headers.get("x-forwarded-host")?.split(",")[0].trim() ?? null);
  for (const host of hosts) {
    if (!host) continue;
    origins.add(`http://${host}`.toLowerCase());
    origins.add(`https://${host}`.toLowerCase());
  }
  return origins;
}

/**
 * Reads a JSON object body. Observers may never write, so they are refused before a byte is read;
 * the body is then read as a stream and abandoned past MAX_JSON_BODY_BYTES (413), so a huge body
 * costs neither memory nor parsing time. Ill-formed UTF-8 or Unicode answers 400.
 */
export async function readJsonBody(request: Request, actor: Actor): Promise<Record<string, unknown>> {
  authorize(actor, "workspace.contribute", null);
  const text = await readBodyText(request, MAX_JSON_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new AppError("INVALID_INPUT", "The request body must be a JSON object.");
  assertWellFormedText(body);
  return body as Record<string, unknown>;
}

/**
 * The same request with its body read up to `limit` bytes (413 beyond), for handlers such as
 * next-auth's that parse the body themselves.
 */
export async function withBoundedBody(request: NextRequest, limit: number): Promise<NextRequest> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBodyText(request, limit);
  return new NextRequest(request.url, { method: request.method, headers: request.headers, body });
}

async function readBodyText(request: Request, limit: number): Promise<string> {
  const tooLarge = new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${Math.round(limit / 1024)} KB.`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel();
      throw tooLarge;
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("INVALID_INPUT", "The request body is not valid UTF-8.");
  }
}
