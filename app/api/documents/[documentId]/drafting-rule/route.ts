import { requireActor } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { apiRoute, readJsonBody } from "@/lib/http";
import { draftingRuleInput, setDraftingRule } from "@/lib/suggestions/set-drafting-rule";

export const POST = apiRoute(async (request, { params }: { params: Promise<{ documentId: string }> }) => {
  const actor = await requireActor();
  const { documentId } = await params;
  const input = draftingRuleInput.safeParse(await readJsonBody(request, actor));
  if (!input.success) throw new AppError("INVALID_INPUT", "Choose open drafting or negotiation.");
  return setDraftingRule({ actor, documentId, ...input.data });
});
