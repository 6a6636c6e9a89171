import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { migrateDatabase } from "@/lib/database/migrate";
import { ensureReferenceData } from "@/lib/database/reference-data";
import { seedDemoData } from "@/lib/demo/seed-demo-data";

/**
 * Runs on every start: migrations, reference data, and demo data for a new demo database, all under
 * the migration lock so instances starting together on one PostgreSQL database seed exactly once.
 */
export async function prepareDatabase(): Promise<{ migrationsApplied: string[]; seeded: boolean }> {
  const config = env();
  let seeded = false;
  const migrationsApplied = await migrateDatabase({
    databaseUrl: config.DATABASE_URL,
    afterMigrations: async () => {
      const { workingGroupId } = await ensureReferenceData(db());
      if (config.isDemo && (await db().user.count()) === 0) {
        await seedDemoData(db(), { workingGroupId });
        seeded = true;
      }
    },
  });
  return { migrationsApplied, seeded };
}
