import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/policy";
import { SESSION_COOKIE_NAMES, findActorBySessionId, sessionIdFromToken } from "@/lib/auth/session";

/** The signed-in actor for this request, or null. */
export async function getActor(): Promise<Actor | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const sessionId = await sessionIdFromToken(jar.get(name)?.value);
    if (sessionId) return findActorBySessionId(sessionId);
  }
  return null;
}

/** For pages: the actor, or a redirect to the sign-in page. */
export async function requireActorForPage(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For server actions and API routes: the actor, or UNAUTHENTICATED. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}
