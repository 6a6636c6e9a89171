import { decode } from "next-auth/jwt";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Actor } from "@/lib/policy";
import { publishAccessChange } from "@/lib/realtime/access-events";

// Kept free of next/* imports: the collaboration server authenticates websockets with this file.

export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

const tokenSchema = z.object({ sessionId: z.string().min(1) });

/** Opens a server-side session that the signed JWT refers to. */
export async function createAuthSession(userId: string): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + env().ACCORD_SESSION_HOURS * 3600_000);
  return db().authSession.create({ data: { userId, expiresAt }, select: { id: true, expiresAt: true } });
}

/** Ends a session (signing out); its open websockets close at once, on every instance. */
export async function revokeAuthSession(sessionId: string): Promise<void> {
  await db().authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  publishAccessChange({ scope: "session", sessionId });
}

const sessionInclude = { user: { select: { id: true, name: true, email: true, role: true, organisationCode: true, isActive: true } } } as const;

function actorOfSession(session: { revokedAt: Date | null; expiresAt: Date; user: Actor } | null): Actor | null {
  if (!session || session.revokedAt || session.expiresAt <= new Date() || !session.user.isActive) return null;
  return session.user;
}

/** The actor behind a session, or null once it is revoked, expired or its user deactivated. */
export async function findActorBySessionId(sessionId: string): Promise<Actor | null> {
  return actorOfSession(await db().authSession.findUnique({ where: { id: sessionId }, include: sessionInclude }));
}

/**
 * The actors behind several sessions in one query, for live streams that check their readers
 * together: each id maps to its actor, or to null once the session is no longer valid.
 */
export async function findActorsBySessionIds(sessionIds: Iterable<string>): Promise<Map<string, Actor | null>> {
  const ids = [...new Set(sessionIds)];
  const sessions = ids.length ? await db().authSession.findMany({ where: { id: { in: ids } }, include: sessionInclude }) : [];
  const byId = new Map(sessions.map((session) => [session.id, session]));
  return new Map(ids.map((id) => [id, actorOfSession(byId.get(id) ?? null)]));
}

/** Reads the session id from a next-auth session cookie value; null when it is missing or forged. */
export async function sessionIdFromToken(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  try {
    const decoded = await decode({ token, secret: env().NEXTAUTH_SECRET });
    const parsed = tokenSchema.safeParse(decoded);
    return parsed.success ? parsed.data.sessionId : null;
  } catch {
    return null;
  }
}

/** The actor for a raw `Cookie` header, as the websocket upgrade sees it. */
export async function actorFromCookieHeader(cookieHeader: string | undefined): Promise<Actor | null> {
  return (await sessionFromCookieHeader(cookieHeader))?.actor ?? null;
}

/** The session behind a raw `Cookie` header; the collaboration server keeps its id to re-check open sockets. */
export async function sessionFromCookieHeader(cookieHeader: string | undefined): Promise<{ sessionId: string; actor: Actor } | null> {
  const sessionId = await sessionIdFromCookieHeader(cookieHeader);
  const actor = sessionId ? await findActorBySessionId(sessionId) : null;
  return sessionId && actor ? { sessionId, actor } : null;
}

/** The session id a raw `Cookie` header's session token names, without asking the database whether it is still valid. */
export async function sessionIdFromCookieHeader(cookieHeader: string | undefined): Promise<string | null> {
  const cookies = parseCookieHeader(cookieHeader ?? "");
  for (const name of SESSION_COOKIE_NAMES) {
    const sessionId = await sessionIdFromToken(cookies.get(name));
    if (sessionId) return sessionId;
  }
  return null;
}

function parseCookieHeader(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(separator + 1).trim()));
    } catch {
      // A malformed cookie is ignored, like a missing one.
    }
  }
  return cookies;
}
