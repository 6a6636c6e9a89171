import { requireActor } from "@/lib/auth/current";
import { apiRoute, readJsonBody } from "@/lib/http";
import { setActionItemStatus } from "@/lib/meetings/set-action-item-status";

/** Marks an action item done ({"status":"DONE"}) or open again; only its owner's economy, person or the secretariat may. */
export const POST = apiRoute(async (request, { params }: { params: Promise<{ actionItemId: string }> }) => {
  const actor = await requireActor();
  const body = await readJsonBody(request, actor);
  await setActionItemStatus({ actor, actionItemId: (await params).actionItemId, status: body.status as "DONE" });
  return { ok: true };
});
