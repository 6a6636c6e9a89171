import crypto from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { isNotificationKind, type NotificationKind } from "@/lib/notifications/kinds";

/** Keeps these signatures apart from anything else signed with the same secret. */
const PURPOSE = "accord:notification-preferences:v1";

const tokenSchema = z.string().max(400).regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

function signature(payload: string): string {
  return crypto.createHmac("sha256", env().NEXTAUTH_SECRET).update(`${PURPOSE}\n${payload}`).digest("base64url");
}

/** A token for the one-click link in an email footer: it changes one person's preference for one kind, nothing else. */
export function preferencesToken({ userId, kind }: { userId: string; kind: NotificationKind }): string {
  const payload = Buffer.from(JSON.stringify([userId, kind])).toString("base64url");
  return `${payload}.${signature(payload)}`;
}

/** The person and kind a token was made for, or null when it is malformed or its signature does not match. */
export function readPreferencesToken(token: unknown): { userId: string; kind: NotificationKind } | null {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const [payload, mac] = parsed.data.split(".");
  const expected = Buffer.from(signature(payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const [userId, kind] = z.tuple([z.string().min(1).max(100), z.string()]).parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return isNotificationKind(kind) ? { userId, kind } : null;
  } catch {
    return null;
  }
}
