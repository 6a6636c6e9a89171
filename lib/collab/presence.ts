import { getOrganisation, ORGANISATIONS } from "@/lib/organisations/catalogue";
import type { Actor } from "@/lib/policy";
import type { Participant, PresenceUser } from "@/lib/collab/protocol";

/** The identity shown on a person's caret, from the server-side session. */
export function presenceUserFor(actor: Actor): PresenceUser {
  return { id: actor.id, name: actor.name, organisationCode: actor.organisationCode, colour: getOrganisation(actor.organisationCode).colour };
}

/** A connection may announce only a few awareness client ids (a provider uses one per document). */
const MAX_CLIENT_IDS_PER_CONNECTION = 4;

/**
 * Rewrites an inbound awareness update in place so it can only describe its sender: states for
 * client ids another connection already uses are dropped, and `user` is replaced by the session's
 * identity. Returns the client ids that were dropped, for the log.
 */
export function enforcePresenceIdentity({ states, user, ownClientIds, isClientIdTaken }: {
  states: Map<number, Record<string, unknown>>;
  user: PresenceUser;
  ownClientIds: ReadonlySet<number>;
  isClientIdTaken: (clientId: number) => boolean;
}): number[] {
  const dropped: number[] = [];
  let claimed = ownClientIds.size;
  for (const [clientId, state] of states) {
    const isOwn = ownClientIds.has(clientId);
    if (!isOwn && (isClientIdTaken(clientId) || claimed >= MAX_CLIENT_IDS_PER_CONNECTION)) {
      states.delete(clientId);
      dropped.push(clientId);
      continue;
    }
    if (!isOwn) claimed += 1;
    states.set(clientId, { ...state, user });
  }
  return dropped;
}

/** One connection as the participant list sees it. */
export type PresenceEntry = { user: PresenceUser; canEdit: boolean };

const ORGANISATION_ORDER = new Map(ORGANISATIONS.map((organisation) => [organisation.code, organisation.sortOrder]));

/** Everyone connected, once per person, ordered by economy then name. */
export function participantsFrom(entries: Iterable<PresenceEntry>): Participant[] {
  const byUser = new Map<string, Participant>();
  for (const { user, canEdit } of entries) {
    const existing = byUser.get(user.id);
    if (existing) {
      existing.connections += 1;
      existing.canEdit ||= canEdit;
    } else {
      byUser.set(user.id, { ...user, canEdit, connections: 1 });
    }
  }
  return [...byUser.values()].sort(
    (a, b) => (ORGANISATION_ORDER.get(a.organisationCode) ?? 99) - (ORGANISATION_ORDER.get(b.organisationCode) ?? 99) || a.name.localeCompare(b.name),
  );
}
