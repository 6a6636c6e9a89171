import crypto from "node:crypto";
import { z } from "zod";

/** 32 random bytes in base64url: what a subscription link carries. */
export const calendarTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export function newCalendarToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** Only this hash is stored, so a database leak does not reveal working links. */
export function hashCalendarToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
