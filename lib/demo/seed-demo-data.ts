import { DateTime } from "luxon";
import type { Database } from "@/lib/db";
import { appendAuditEvent } from "@/lib/audit/record";
import { yjsStateFromJson } from "@/lib/documents/content";
import { memorandumDraft } from "@/lib/documents/memorandum-template";
import { hashPassword } from "@/lib/people/passwords";
import { seedMeetings } from "@/lib/demo/seed-meetings";

/** Password of every demo account; demo accounts exist only in demo mode. */
export const DEMO_PASSWORD = "accord-demo";

export const DEMO_ACCOUNTS = [
  { email: "secretariat@accord.example", name: "Ana Kovačević", role: "SECRETARIAT", organisationCode: "RCC" },
  { email: "al@accord.example", name: "Elira Hoxha", role: "DELEGATE", organisationCode: "AL" },
  { email: "ba@accord.example", name: "Amir Hadžić", role: "DELEGATE", organisationCode: "BA" },
  { email: "xk@accord.example", name: "Blerta Krasniqi", role: "DELEGATE", organisationCode: "XK" },
  { email: "me@accord.example", name: "Marko Vuković", role: "DELEGATE", organisationCode: "ME" },
  { email: "mk@accord.example", name: "Elena Stojanovska", role: "DELEGATE", organisationCode: "MK" },
  { email: "rs@accord.example", name: "Nikola Petrović", role: "DELEGATE", organisationCode: "RS" },
  { email: "ec@accord.example", name: "Claire Dubois", role: "OBSERVER", organisationCode: "EC" },
  { email: "cefta@accord.example", name: "Jonas Weber", role: "OBSERVER", organisationCode: "CEFTA" },
  { email: "respa@accord.example", name: "Maria Rossi", role: "OBSERVER", organisationCode: "RESPA" },
] as const;

const belgrade = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Belgrade" }).toJSDate();

/** Demo accounts, the MoU draft and the group's first two meetings. */
export async function seedDemoData(database: Database, { workingGroupId }: { workingGroupId: string }): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await database.user.create({ data: { ...account, passwordHash } });
    users.set(account.organisationCode, user.id);
  }
  const albaniaId = users.get("AL")!;

  await database.$transaction(async (transaction) => {
    const memorandum = await transaction.document.create({
      data: {
        workingGroupId,
        kind: "MOU",
        title: "MoU on Regional Interoperability and Trust Services",
        // The MoU is negotiated: delegations suggest, the secretariat holds the pen. Minutes stay open drafting.
        draftingRule: "NEGOTIATION",
        yjsState: Buffer.from(yjsStateFromJson(memorandumDraft())),
        createdById: albaniaId,
        createdAt: belgrade("2020-01-27T10:00"),
        lastEditedAt: belgrade("2020-05-28T12:30"),
        lastEditedById: albaniaId,
      },
    });
    await appendAuditEvent(transaction, {
      actorId: albaniaId,
      organisationCode: "AL",
      action: "document.created",
      targetType: "document",
      targetId: memorandum.id,
      data: { title: memorandum.title },
    });

    await seedMeetings(transaction, { workingGroupId, memorandumId: memorandum.id, users });
  });
}
