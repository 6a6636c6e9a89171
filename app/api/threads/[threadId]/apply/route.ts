import { requireActor } from "@/lib/auth/current";
import { applySuggestion } from "@/lib/comments/apply-suggestion";
import { apiRoute } from "@/lib/http";

/** Records a proposal as applied once its wording is in the shared document (the secretariat's editor puts it there). */
export const POST = apiRoute(async (_request, { params }: { params: Promise<{ threadId: string }> }) => {
  const actor = await requireActor();
  const { threadId } = await params;
  return { thread: await applySuggestion({ actor, threadId }) };
});
