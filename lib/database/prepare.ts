import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { migrateDatabase } from "@/lib/database/migrate";
import { ensureReferenceData } from "@/lib/database/reference-data";
import { seedDemoData } from "@/lib/demo/seed-demo-data";

/** Runs on every start: migrations, reference data, and demo data for a new demo database. */
export async function prepareDatabase(): Promise<{ migrationsApplied: string[]; seeded: boolean }> {
  const config = env();
  const migrationsApplied = await migrateDatabase({ databaseUrl: config.DATABASE_URL });
  const { workingGroupId } = await ensureReferenceData(db());
  let seeded = false;
  if (config.isDemo && (await db().user.count()) === 0) {
    await seedDemoData(db(), { workingGroupId });
    seeded = true;
  }
  return { migrationsApplied, seeded };
}
