import type { IncomingMessage } from "node:http";

// Kept free of next/* imports: server/accord-server.ts resolves the client before Next.js sees the request.

/**
 * Internal request headers that the process's own HTTP server sets on every request (overwriting
 * anything a client sent), so route handlers, next-auth and the proxy read a trusted value.
 */
export const CLIENT_ADDRESS_HEADER = "x-accord-client-address";
export const CLIENT_PROTOCOL_HEADER = "x-accord-client-protocol";

/**
 * The client's address. With no trusted proxies it is the socket's peer; behind N trusted proxies
 * it is the Nth address from the right of X-Forwarded-For, because each proxy appends the address
 * it saw and everything further left was written by the client and can be forged.
 */
export function resolveClientAddress({ socketAddress, forwardedFor, trustedProxies }: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustedProxies: number;
}): string {
  const peer = normaliseAddress(socketAddress ?? "") || "unknown";
  if (trustedProxies === 0) return peer;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => normaliseAddress(entry.trim()))
    .filter(Boolean);
  // Fewer entries than trusted proxies: the request skipped a proxy, so the leftmost is the best we know.
  if (chain.length === 0) return peer;
  return chain[Math.max(0, chain.length - trustedProxies)];
}

/** "https" when the client reached the first trusted proxy (or this process) over TLS. */
export function resolveClientProtocol({ isEncrypted, forwardedProto, trustedProxies }: {
  isEncrypted: boolean;
  forwardedProto: string | string[] | undefined;
  trustedProxies: number;
}): "http" | "https" {
  if (trustedProxies === 0) return isEncrypted ? "https" : "http";
  const chain = (Array.isArray(forwardedProto) ? forwardedProto.join(",") : (forwardedProto ?? "")).split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  if (chain.length === 0) return isEncrypted ? "https" : "http";
  return chain[Math.max(0, chain.length - trustedProxies)] === "https" ? "https" : "http";
}

/** Sets the trusted client headers on an incoming request, replacing whatever the client sent. */
export function stampClientHeaders(request: IncomingMessage, trustedProxies: number): void {
  request.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress({
    socketAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    trustedProxies,
  });
  request.headers[CLIENT_PROTOCOL_HEADER] = resolveClientProtocol({
    isEncrypted: "encrypted" in request.socket && request.socket.encrypted === true,
    forwardedProto: request.headers["x-forwarded-proto"],
    trustedProxies,
  });
}

// Bounded and stripped of anything but address characters: the value becomes a rate-limit key.
function normaliseAddress(value: string): string {
  const address = value.slice(0, 64).replace(/^::ffff:/, "");
  return /^[0-9A-Za-z.:[\]%_-]+$/.test(address) ? address : "";
}
