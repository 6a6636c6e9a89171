import type { Database } from "@/lib/db";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";

export const WORKING_GROUP_NAME = "Working Group on interoperability and trust services";

/** Makes sure the organisations and the working group exist; safe to run on every start. */
export async function ensureReferenceData(database: Database): Promise<{ workingGroupId: string }> {
  for (const { colour: _colour, ...organisation } of ORGANISATIONS) {
    await database.organisation.upsert({ where: { code: organisation.code }, create: organisation, update: organisation });
  }
  const existing = await database.workingGroup.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (existing) return { workingGroupId: existing.id };
  const created = await database.workingGroup.create({
    data: {
      name: WORKING_GROUP_NAME,
      description:
        "The Regional Cooperation Council's working group of the six Western Balkan economies on regional interoperability and trust services.",
    },
  });
  return { workingGroupId: created.id };
}
