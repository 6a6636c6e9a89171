import type { Transaction } from "@/lib/db";
import { findDelegates, findRecipientsByIds } from "@/lib/notifications/find-recipients";
import { notify } from "@/lib/notifications/notify";

const WORDING = {
  assigned: { title: "New action item for your economy", lead: "An action item was assigned to your economy:" },
  dueTomorrow: { title: "Action item due tomorrow", lead: "This action item of your economy is due tomorrow:" },
  overdue: { title: "Action item overdue", lead: "This action item of your economy is past its due date:" },
} as const;

/** An action item's owners (the owning economy's delegates and the named person) hear when it is assigned, due tomorrow and overdue. */
export async function notifyActionItem(transaction: Transaction, { actionItemId, moment, actorId, now }: {
  actionItemId: string;
  moment: keyof typeof WORDING;
  actorId?: string;
  now?: Date;
}): Promise<void> {
  const item = await transaction.actionItem.findUniqueOrThrow({
    where: { id: actionItemId },
    select: { id: true, text: true, dueDate: true, ownerOrganisationCode: true, ownerUserId: true, meeting: { select: { id: true, title: true } } },
  });
  const recipients = [
    ...(item.ownerOrganisationCode ? await findDelegates(transaction, [item.ownerOrganisationCode]) : []),
    ...(item.ownerUserId ? await findRecipientsByIds(transaction, [item.ownerUserId]) : []),
  ];
  const wording = WORDING[moment];
  await notify(transaction, {
    kind: "actionItem.assigned",
    recipients,
    actorId,
    eventKey: `${moment}:${item.id}:${item.dueDate?.toISOString() ?? ""}`,
    title: `${wording.title}: ${item.text}`,
    paragraphs: [wording.lead, item.text, `From "${item.meeting.title}"${item.dueDate ? `, due ${item.dueDate.toISOString().slice(0, 10)}` : ""}.`],
    link: `/meetings/${item.meeting.id}#action-items`,
    linkLabel: "See the action item",
    now,
  });
}
