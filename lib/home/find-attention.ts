import { db } from "@/lib/db";
import { authorize, type Actor } from "@/lib/policy";

export type AttentionItem = { key: string; count: number; label: string; href: string };

/** What needs this person's attention now, depending on their role and economy. */
export async function findAttention({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  authorize(actor, "workspace.read", null);
  const database = db();
  const economyFilter = actor.role === "DELEGATE" ? { organisationCode: actor.organisationCode } : {};

  const [memorandum, openThreads, upcomingMeetings, openRounds, openActionItems, pendingInvitations, minutesToApprove] = await Promise.all([
    database.document.findFirst({
      where: { kind: "MOU" },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true, lastEditedAt: true, lastEditedBy: { select: { name: true, organisationCode: true } } },
    }),
    database.commentThread.count({ where: { status: { not: "RESOLVED" }, ...economyFilter } }),
    database.meeting.findMany({
      where: { status: "SCHEDULED", endsAt: { gte: now } },
      orderBy: { startsAt: "asc" },
      take: 3,
      select: { id: true, title: true, startsAt: true, format: true },
    }),
    database.signOffRound.findMany({
      where: { status: "OPEN" },
      select: { id: true, documentId: true, signOffs: { select: { organisationCode: true } } },
    }),
    database.actionItem.count({
      where: { status: "OPEN", ...(actor.role === "DELEGATE" ? { ownerOrganisationCode: actor.organisationCode } : {}) },
    }),
    actor.role === "SECRETARIAT" ? database.user.count({ where: { passwordHash: null, isActive: true } }) : Promise.resolve(0),
    actor.role === "SECRETARIAT" ? database.meeting.count({ where: { minutesStatus: "CIRCULATED" } }) : Promise.resolve(0),
  ]);

  const roundsAwaitingMyEconomy = openRounds.filter(
    (round) => !round.signOffs.some((signOff) => signOff.organisationCode === actor.organisationCode),
  );

  const items: AttentionItem[] = [];
  if (actor.role === "DELEGATE") {
    items.push(
      attention("rounds", roundsAwaitingMyEconomy.length, ["sign-off round", "sign-off rounds"], "waiting for your economy's position", "/progress"),
      attention("threads", openThreads, ["open comment thread", "open comment threads"], "from your economy", "/documents"),
      attention("actions", openActionItems, ["open action item", "open action items"], "for your economy", `/meetings/action-items?economy=${actor.organisationCode}`),
    );
  } else if (actor.role === "SECRETARIAT") {
    items.push(
      attention("threads", openThreads, ["comment thread", "comment threads"], "still open across all economies", "/documents"),
      attention("rounds", openRounds.length, ["sign-off round", "sign-off rounds"], "open", "/progress"),
      attention("minutes", minutesToApprove, ["meeting's circulated minutes", "meetings' circulated minutes"], "waiting for approval", "/meetings"),
      attention("invitations", pendingInvitations, ["invited person who has", "invited people who have"], "not set a password yet", "/people"),
    );
  } else {
    items.push(
      attention("threads", openThreads, ["comment thread", "comment threads"], "open across the economies", "/progress"),
      attention("rounds", openRounds.length, ["sign-off round", "sign-off rounds"], "under way", "/progress"),
      attention("actions", openActionItems, ["action item", "action items"], "open", "/meetings/action-items"),
    );
  }
  return { items, upcomingMeetings, memorandum };
}

/** An item whose label agrees with its count: "1 sign-off round open", "2 sign-off rounds open". */
export function attention(key: string, count: number, [singular, plural]: [string, string], rest: string, href: string): AttentionItem {
  return { key, count, label: `${count === 1 ? singular : plural} ${rest}`, href };
}
