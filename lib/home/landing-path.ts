import type { Actor } from "@/lib/policy";

/** Where a person lands after signing in: observers follow the group on the progress report, everyone else acts from home. */
export function landingPath(actor: Pick<Actor, "role">): string {
  return actor.role === "OBSERVER" ? "/progress" : "/";
}
