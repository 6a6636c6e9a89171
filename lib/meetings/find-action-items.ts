import { z } from "zod";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { authorize, can, type Actor } from "@/lib/policy";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import { dateFromIsoDate, isoDateOf, todayIsoDate } from "@/lib/meetings/time";

// Query strings say "true" or "on" for a ticked box; anything else is unticked.
const flag = z.union([z.string(), z.boolean()]).optional().transform((value) => value === true || value === "true" || value === "on");

export const actionItemFilterInput = z.object({
  organisationCode: z
    .enum(ORGANISATIONS.map((entry) => entry.code) as [string, ...string[]])
    .optional()
    .catch(undefined),
  dueBefore: z.iso.date().optional().catch(undefined),
  isOverdueOnly: flag,
  isDoneIncluded: flag,
});
export type ActionItemFilter = z.output<typeof actionItemFilterInput>;

/**
 * Action items across all meetings, open ones by default, soonest due first. An economy's filter
 * also finds items owned by its people. Overdue means the due date has passed in the group's zone.
 */
export async function findActionItems({ actor, now = new Date(), ...input }: { actor: Actor; now?: Date } & z.input<typeof actionItemFilterInput>) {
  authorize(actor, "workspace.read", null);
  const filter = parseInput(actionItemFilterInput, input);
  const today = todayIsoDate(now);
  const dueLimits = [
    ...(filter.dueBefore ? [{ dueDate: { lte: dateFromIsoDate(filter.dueBefore) } }] : []),
    ...(filter.isOverdueOnly ? [{ dueDate: { lt: dateFromIsoDate(today) } }] : []),
  ];
  const items = await db().actionItem.findMany({
    where: {
      ...(filter.isDoneIncluded ? {} : { status: "OPEN" as const }),
      ...(filter.organisationCode
        ? { OR: [{ ownerOrganisationCode: filter.organisationCode }, { ownerUser: { organisationCode: filter.organisationCode } }] }
        : {}),
      AND: dueLimits,
    },
    orderBy: [{ status: "asc" }, { dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    select: {
      id: true, text: true, dueDate: true, status: true, doneAt: true, ownerOrganisationCode: true, ownerUserId: true,
      ownerUser: { select: { name: true, organisationCode: true } },
      doneBy: { select: { name: true } },
      meeting: { select: { id: true, title: true, startsAt: true } },
    },
  });
  return {
    filter,
    today,
    items: items.map((item) => ({
      ...item,
      isOverdue: item.status === "OPEN" && item.dueDate !== null && isoDateOf(item.dueDate) < today,
      canComplete: can(actor, "actionItem.complete", item),
    })),
  };
}

export type ActionItemRow = Awaited<ReturnType<typeof findActionItems>>["items"][number];
