import { z } from "zod";
import { parseInput } from "@/lib/errors";
import type { Actor } from "@/lib/policy";
import type { ProseMirrorJson } from "@/lib/documents/content";
import { jsonFromContent } from "@/lib/versions/canonical-content";
import { compareTexts } from "@/lib/versions/compare-texts";
import { getVersion } from "@/lib/versions/find-versions";
import { getLiveText } from "@/lib/versions/get-live-text";

/** The live text is compared under this name wherever a version id is accepted. */
export const LIVE_TEXT = "live";

export const compareVersionsInput = z.object({
  documentId: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
});

export type ComparedSide =
  | { kind: "live"; digest: string }
  | { kind: "version"; id: string; number: number; name: string; digest: string; isCheckpoint: boolean; createdAt: Date; createdBy: { name: string; organisationCode: string } };

/** Compares two versions of a document, or a version and the live text (`"live"`). */
export async function compareVersions({ actor, ...input }: { actor: Actor } & z.input<typeof compareVersionsInput>) {
  const data = parseInput(compareVersionsInput, input);
  const [from, to] = await Promise.all([loadSide(actor, data.documentId, data.from), loadSide(actor, data.documentId, data.to)]);
  return { from: from.side, to: to.side, comparison: compareTexts(from.json, to.json) };
}

async function loadSide(actor: Actor, documentId: string, id: string): Promise<{ side: ComparedSide; json: ProseMirrorJson }> {
  if (id === LIVE_TEXT) {
    const live = await getLiveText({ actor, documentId });
    return { side: { kind: "live", digest: live.digest }, json: live.json };
  }
  const { version } = await getVersion({ actor, documentId, versionId: id });
  const { content, documentId: _documentId, ...side } = version;
  return { side: { kind: "version", ...side }, json: jsonFromContent(content) };
}
