import type { Transaction } from "@/lib/db";
import { ECONOMIES } from "@/lib/notifications/economies";
import { findDelegates, findEveryone } from "@/lib/notifications/find-recipients";
import { notify } from "@/lib/notifications/notify";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { POSITION_LABEL, type SignOffPosition } from "@/lib/signoff/positions";

async function roundContext(transaction: Transaction, roundId: string) {
  return transaction.signOffRound.findUniqueOrThrow({
    where: { id: roundId },
    select: {
      id: true, documentId: true, dueDate: true, closedAt: true,
      document: { select: { title: true } },
      version: { select: { number: true, digest: true } },
      signOffs: { select: { organisationCode: true, position: true } },
    },
  });
}

const dueText = (dueDate: Date | null) => (dueDate ? ` Please record your economy's position by ${dueDate.toISOString().slice(0, 10)}.` : "");

/** A round opened: every economy's delegates are asked for their position on that exact version. */
export async function notifyRoundOpened(transaction: Transaction, { roundId, actorId, now }: { roundId: string; actorId: string; now?: Date }): Promise<void> {
  const round = await roundContext(transaction, roundId);
  await notify(transaction, {
    kind: "signoff.opened",
    recipients: await findDelegates(transaction),
    actorId,
    eventKey: `opened:${round.id}`,
    title: `Sign-off open: "${round.document.title}", version ${round.version.number}`,
    paragraphs: [
      `The secretariat opened a sign-off round on version ${round.version.number} of "${round.document.title}".${dueText(round.dueDate)}`,
      `The version's SHA-256 digest is ${round.version.digest}.`,
    ],
    link: `/documents/${round.documentId}/sign-off`,
    linkLabel: "Record your economy's position",
    now,
  });
}

/** Before the due date: delegates of the economies that have no position yet. */
export async function notifyRoundDueSoon(transaction: Transaction, { roundId, now }: { roundId: string; now?: Date }): Promise<void> {
  const round = await roundContext(transaction, roundId);
  const answered = new Set(round.signOffs.map((signOff) => signOff.organisationCode));
  const missing = ECONOMIES.filter((code) => !answered.has(code));
  await notify(transaction, {
    kind: "signoff.opened",
    recipients: await findDelegates(transaction, missing),
    eventKey: `due:${round.id}:${round.dueDate?.toISOString() ?? ""}`,
    title: `Reminder: sign-off on "${round.document.title}" is due`,
    paragraphs: [`Your economy has not yet recorded its position on version ${round.version.number} of "${round.document.title}".${dueText(round.dueDate)}`],
    link: `/documents/${round.documentId}/sign-off`,
    linkLabel: "Record your economy's position",
    now,
  });
}

/** A round closed: everyone, observers included, gets the outcome per economy. */
export async function notifyRoundClosed(transaction: Transaction, { roundId, actorId, now }: { roundId: string; actorId: string; now?: Date }): Promise<void> {
  const round = await roundContext(transaction, roundId);
  const positions = new Map(round.signOffs.map((signOff) => [signOff.organisationCode, signOff.position as SignOffPosition]));
  const outcome = ECONOMIES.map((code) => `${getOrganisation(code).name}: ${positions.has(code) ? POSITION_LABEL[positions.get(code)!] : "no position"}`);
  await notify(transaction, {
    kind: "signoff.closed",
    recipients: await findEveryone(transaction),
    actorId,
    // A reopened round can close again; each closing is its own event.
    eventKey: `closed:${round.id}:${round.closedAt?.toISOString() ?? ""}`,
    title: `Sign-off closed: "${round.document.title}", version ${round.version.number}`,
    paragraphs: [`The sign-off round on version ${round.version.number} of "${round.document.title}" is closed. The positions:`, outcome.join("\n")],
    link: `/documents/${round.documentId}/sign-off`,
    linkLabel: "See the sign-off matrix",
    now,
  });
}
