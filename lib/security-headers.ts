// Kept free of next/* and @/ imports: next.config.ts and proxy.ts load this file.

/**
 * The Content-Security-Policy of every page. Scripts run only with this response's nonce (Next.js
 * puts it on its own scripts; 'strict-dynamic' lets those load their chunks). Styles allow inline
 * because the editor, the charts and React set `style` attributes, which a nonce cannot cover.
 * The collaboration websocket is on this origin, which 'self' in connect-src covers.
 * The development server evaluates code for fast refresh, so only it gets 'unsafe-eval'.
 */
export function contentSecurityPolicy({ nonce, isDevelopment }: { nonce: string; isDevelopment: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** JSON, calendar and CSV answers are never rendered as pages: they may load nothing at all. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers on every response, pages and API alike. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Links out of Accord never carry a document's address; links within it keep working as before.
  { key: "Referrer-Policy", value: "same-origin" },
  // For browsers that predate frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** Sent only on responses to requests that arrived over HTTPS (see lib/client-address.ts). */
export const STRICT_TRANSPORT_SECURITY = { key: "Strict-Transport-Security", value: "max-age=31536000" };
