import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { verifyVersion } from "@/lib/versions/verify-version";

// Versions are immutable: there is deliberately no PUT, PATCH or DELETE here (Next.js answers 405).

/** A version's metadata and the result of recomputing its digest. */
export const GET = apiRoute(async (_request, { params }: { params: Promise<{ documentId: string; versionId: string }> }) => {
  const actor = await requireActor();
  const { documentId, versionId } = await params;
  const { version, verification } = await verifyVersion({ actor, documentId, versionId });
  const { content: _content, contentWithSuggestions: _withSuggestions, ...metadata } = version;
  return { version: metadata, verification };
});
