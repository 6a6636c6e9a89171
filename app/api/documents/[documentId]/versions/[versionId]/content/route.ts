import { requireActor } from "@/lib/auth/current";
import { apiRoute } from "@/lib/http";
import { getVersion } from "@/lib/versions/find-versions";

/** The stored canonical content, byte for byte, so `sha256sum` on the download prints the version's digest. */
export const GET = apiRoute(async (_request, { params }: { params: Promise<{ documentId: string; versionId: string }> }) => {
  const actor = await requireActor();
  const { documentId, versionId } = await params;
  const { version } = await getVersion({ actor, documentId, versionId });
  return new Response(version.content, {
    headers: { "content-type": "application/json; charset=utf-8", "x-content-sha256": version.digest, "cache-control": "private, no-store" },
  });
});
