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
      { key: "rounds", count: roundsAwaitingMyEconomy.length, label: "sign-off rounds waiting for your economy's position", href: "/progress" },
      { key: "threads", count: openThreads, label: "open comment threads from your economy", href: "/documents" },
      { key: "actions", count: openActionItems, label: "open action items for your economy", href: `/meetings/action-items?economy=${actor.organisationCode}` },
    );
  } else if (actor.role === "SECRETARIAT") {
    items.push(
      { key: "threads", count: openThreads, label: "comment threads still open across all economies", href: "/documents" },
      { key: "rounds", count: openRounds.length, label: "sign-off rounds open", href: "/progress" },
      { key: "minutes", count: minutesToApprove, label: "circulated minutes waiting for approval", href: "/meetings" },
      { key: "invitations", count: pendingInvitations, label: "invited people who have not set a password yet", href: "/people" },
    );
  } else {
    items.push(
      { key: "threads", count: openThreads, label: "comment threads open across the economies", href: "/progress" },
      { key: "rounds", count: openRounds.length, label: "sign-off rounds under way", href: "/progress" },
      { key: "actions", count: openActionItems, label: "open action items", href: "/meetings/action-items" },
    );
  }
  return { items, upcomingMeetings, memorandum };
}
