import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { turnProposalIntoSuggestion } from "@/lib/suggestions/turn-proposal-into-suggestion";

/** Puts a proposal into the shared text as its proposer's suggestion (the server writes it) and resolves the thread. */
export const POST = apiRoute(async (_request, { params }: { params: Promise<{ threadId: string }> }) => {
  const actor = await requireActor();
  const { threadId } = await params;
  return { thread: await turnProposalIntoSuggestion({ actor, threadId }) };
});
