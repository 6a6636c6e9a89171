import { z } from "zod";

/**
 * Stateless message (provider `onStateless({ payload })`) telling an editor whether edits made
 * through other server instances reach it live. "paused" while this instance has lost Redis:
 * everyone's edits are still saved, but people on other instances are not seen typing until it
 * returns; "resumed" once it is back and the open documents have been re-synchronised. Safe to
 * import from the browser.
 */
export const liveUpdatesMessageSchema = z.object({
  type: z.literal("accord:live-updates"),
  status: z.enum(["paused", "resumed"]),
});
export type LiveUpdatesMessage = z.infer<typeof liveUpdatesMessageSchema>;

/** The JSON payload for a live-updates message. */
export function liveUpdatesPayload(status: LiveUpdatesMessage["status"]): string {
  return JSON.stringify({ type: "accord:live-updates", status } satisfies LiveUpdatesMessage);
}

/** Parses a stateless payload; null for anything that is not a live-updates message. */
export function parseLiveUpdatesMessage(payload: string): LiveUpdatesMessage | null {
  try {
    const parsed = liveUpdatesMessageSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
