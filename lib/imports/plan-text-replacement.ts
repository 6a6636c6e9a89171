import * as Y from "yjs";
import { checkUpdate } from "@/lib/collab/update-check";
import { findThreadAnchors } from "@/lib/comments/anchors";
import { documentSchema, readYjsState, stateFromStoredParts, type ProseMirrorJson } from "@/lib/documents/content";
import { buildTextReplacement } from "@/lib/documents/text-replacement";
import { findSuggestions } from "@/lib/editor/suggestion-marks";
import type { Actor, DocumentTarget } from "@/lib/policy";
import { canonicalContentFromJson, digestOfContent, versionTextsFromJson, type VersionTexts } from "@/lib/versions/canonical-content";

/** Everything replacing a draft's text with a Word file's needs worked out before it is stored. */
export type TextReplacementPlan = {
  /** What the current text loses, for the confirmation: threads anchored in it and its open suggestions. */
  replaced: { anchoredThreads: number; openSuggestions: number };
  /** The current text, for the checkpoint saved first. */
  previous: VersionTexts;
  /** The one Yjs update that deletes every block and inserts the new ones, against the stored state. */
  update: Uint8Array;
  /** The digest of the text after the update. */
  digest: string;
  /** Why the update check refused the new text, or null. */
  refusal: string | null;
};

/**
 * Works out a text replacement from the document's stored Yjs parts and the text read from the
 * Word file, in the worker that read the file: decoding, comparing and checking 100 pages takes
 * hundreds of milliseconds, which on the main thread would stall every collaborator's edits. The
 * update passes the same check as every edit from an editor, so the stored text stays one the
 * editor opens.
 */
export function planTextReplacement({ stateParts, json, actor, target }: { stateParts: Uint8Array[]; json: ProseMirrorJson; actor: Actor; target: DocumentTarget }): TextReplacementPlan {
  const state = stateFromStoredParts(stateParts);
  const previousJson = readYjsState(state).json;
  const { update, document: replaced } = buildTextReplacement({ state, json });
  const current = new Y.Doc();
  Y.applyUpdate(current, state);
  const verdict = checkUpdate({ document: current, update, actor, target });
  return {
    replaced: { anchoredThreads: findThreadAnchors(state).size, openSuggestions: findSuggestions(documentSchema().nodeFromJSON(previousJson)).length },
    previous: versionTextsFromJson(previousJson),
    update,
    digest: digestOfContent(canonicalContentFromJson(readYjsState(Y.encodeStateAsUpdate(replaced)).json)),
    refusal: verdict.isAccepted ? null : verdict.detail,
  };
}
