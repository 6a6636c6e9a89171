import type { Database } from "@/lib/db";
import type { Actor, Role } from "@/lib/policy";

let counter = 0;

/** Creates an active user and returns them as an actor. */
export async function createTestActor(database: Database, { role, organisationCode, name }: {
  role: Role;
  organisationCode: string;
  name?: string;
}): Promise<Actor> {
  counter += 1;
  const email = `${organisationCode.toLowerCase()}-${counter}-${Date.now()}@test.example`;
  return database.user.create({
    data: { email, name: name ?? `${organisationCode} person ${counter}`, role, organisationCode },
    select: { id: true, name: true, email: true, role: true, organisationCode: true, isActive: true },
  });
}
