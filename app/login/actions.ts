"use server";

import { getActor } from "@/lib/auth/current";
import { landingPath } from "@/lib/home/landing-path";

/**
 * The page to open right after signing in, read from the new session. Going there directly spares
 * observers a round trip through the home page, which would only redirect them to /progress.
 */
export async function landingPathAction(): Promise<string> {
  const actor = await getActor();
  return actor ? landingPath(actor) : "/login";
}
