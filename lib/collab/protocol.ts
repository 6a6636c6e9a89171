import { z } from "zod";

/**
 * The collaboration server's contract with its clients, safe to import from the browser.
 * lib/collab/README.md explains how the editor uses it.
 */

/** The websocket path on the app's own origin, so the session cookie authenticates the socket. */
export const COLLABORATION_PATH = "/collab";

/** The websocket URL for the page the browser is on. */
export function collaborationUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${COLLABORATION_PATH}`;
}

/**
 * Close codes the server uses on the websocket. The provider reconnects by itself after any close;
 * a client should stop and send the person to sign in on `unauthenticated`.
 */
export const CLOSE_CODES = {
  /** No valid session on the upgrade request, or the session ended (signed out, expired, account deactivated). */
  unauthenticated: 4401,
  /** The person's role or the document's state changed; reconnecting grants the new access. */
  accessChanged: 4205,
  /** The database did not answer in time; nothing unsaved was acknowledged, reconnecting re-sends it. */
  temporarilyUnavailable: 4503,
  /** A frame that is not a valid collaboration message. */
  malformedMessage: 1007,
  /** A message type clients may not send (e.g. broadcast-stateless). */
  policyViolation: 1008,
  /** Text frames are not part of the protocol. */
  unsupportedData: 1003,
  /** Larger than the server's `maxPayload`; sent by the websocket library itself. */
  messageTooBig: 1009,
} as const;

/** Close reasons, one per code, short enough for a close frame. */
export const CLOSE_REASONS = {
  unauthenticated: "unauthenticated",
  accessChanged: "access-changed",
  temporarilyUnavailable: "temporarily-unavailable",
  malformedMessage: "malformed-message",
  policyViolation: "policy-violation",
  unsupportedData: "unsupported-data",
} as const;

/**
 * Reasons in the provider's `onAuthenticationFailed({ reason })` for one document.
 * `temporarily-unavailable` means try again shortly (the socket is closed too, so the provider reconnects).
 */
export const PERMISSION_DENIED_REASONS = {
  notFound: "not-found",
  temporarilyUnavailable: "temporarily-unavailable",
} as const;

/** Who a caret belongs to: set by the server from the session, whatever the client claims. */
export const presenceUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  organisationCode: z.string(),
  colour: z.string(),
});
export type PresenceUser = z.infer<typeof presenceUserSchema>;

/** One person in the document, however many tabs or instances they are connected through. */
export const participantSchema = presenceUserSchema.extend({
  canEdit: z.boolean(),
  connections: z.number().int().positive(),
});
export type Participant = z.infer<typeof participantSchema>;

/**
 * Stateless message (provider `onStateless({ payload })`, payload is this JSON) listing everyone
 * connected to the document, observers included, across all server instances. Sent when someone
 * joins or leaves and every `PARTICIPANTS_HEARTBEAT_SECONDS` (which also keeps idle sockets alive).
 */
export const participantsMessageSchema = z.object({
  type: z.literal("accord:participants"),
  documentId: z.string(),
  participants: z.array(participantSchema),
});
export type ParticipantsMessage = z.infer<typeof participantsMessageSchema>;

export const PARTICIPANTS_HEARTBEAT_SECONDS = 15;

/**
 * Why the server refused an update: `invalid-document` (it would leave the document invalid for the
 * editor's schema), `missing-dependencies` (it refers to content the server does not have),
 * `not-allowed` (the sender may not make this change in this document).
 */
export const UPDATE_REFUSAL_REASONS = {
  invalidDocument: "invalid-document",
  missingDependencies: "missing-dependencies",
  notAllowed: "not-allowed",
} as const;
export type UpdateRefusalReason = (typeof UPDATE_REFUSAL_REASONS)[keyof typeof UPDATE_REFUSAL_REASONS];

/**
 * Stateless message sent to the one socket whose update (sync step 2 or update) was refused:
 * nothing of it was stored, applied or relayed, and it was answered with `SyncStatus(false)`, so the
 * provider's unsynced-changes counter stays above zero. The socket stays open. The client's copy
 * now holds a change the server does not: the editor should say so and reload the document.
 */
export const updateRefusedMessageSchema = z.object({
  type: z.literal("accord:update-refused"),
  documentId: z.string(),
  reason: z.enum([UPDATE_REFUSAL_REASONS.invalidDocument, UPDATE_REFUSAL_REASONS.missingDependencies, UPDATE_REFUSAL_REASONS.notAllowed]),
  detail: z.string(),
});
export type UpdateRefusedMessage = z.infer<typeof updateRefusedMessageSchema>;

/** Parses a stateless payload from the server as a participant list; null for anything else. */
export function parseServerMessage(payload: string): ParticipantsMessage | null {
  return parseJson(payload, participantsMessageSchema);
}

/** Parses a stateless payload from the server as an update refusal; null for anything else. */
export function parseUpdateRefusedMessage(payload: string): UpdateRefusedMessage | null {
  return parseJson(payload, updateRefusedMessageSchema);
}

function parseJson<T>(payload: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
