import { requireActor } from "@/lib/auth/current";
import { findPeople } from "@/lib/people/accounts";
import { inviteUser } from "@/lib/people/invitations";
import { apiRoute, readJsonBody } from "@/lib/http";

export const GET = apiRoute(async () => {
  const actor = await requireActor();
  return { people: await findPeople({ actor }) };
});

/** Invites a person; the answer carries the one-time link path to hand to them. */
export const POST = apiRoute(async (request) => {
  const actor = await requireActor();
  const body = await readJsonBody(request, actor);
  const { userId, token } = await inviteUser({ ...body, actor } as Parameters<typeof inviteUser>[0]);
  return { userId, invitationPath: `/invite/${token}` };
});
