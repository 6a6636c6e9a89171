import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { openDocumentEventStream } from "@/lib/realtime/open-document-event-stream";

// A stream per request; never cached or pre-rendered.
export const dynamic = "force-dynamic";

/** Server-sent events: the document's new threads, replies and status changes, as they happen. */
export const GET = apiRoute(async (request, { params }: { params: Promise<{ documentId: string }> }) => {
  const actor = await requireActor();
  const { documentId } = await params;
  const stream = await openDocumentEventStream({ actor, documentId, cookieHeader: request.headers.get("cookie") ?? undefined, signal: request.signal });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      // Proxies such as nginx would otherwise hold events back in their buffers.
      "X-Accel-Buffering": "no",
    },
  });
});
