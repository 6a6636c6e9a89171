import { requireActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { apiRoute, readJsonBody } from "@/lib/http";
import { findSuggestionOutcomes } from "@/lib/suggestions/find-suggestion-outcomes";
import { recordSuggestionOutcomes, suggestionOutcomeInput } from "@/lib/suggestions/record-suggestion-outcomes";

type Context = { params: Promise<{ documentId: string }> };

export const GET = apiRoute(async (_request, { params }: Context) => {
  const actor = await requireActor();
  const { documentId } = await params;
  return { outcomes: await findSuggestionOutcomes({ actor, documentId }) };
});

export const POST = apiRoute(async (request, { params }: Context) => {
  const actor = await requireActor();
  const { documentId } = await params;
  const input = suggestionOutcomeInput.safeParse(await readJsonBody(request, actor));
  if (!input.success) throw new AppError("INVALID_INPUT", input.error.issues[0]?.message ?? "Invalid input.");
  return { recorded: await recordSuggestionOutcomes({ actor, documentId, ...input.data }) };
});
