import type * as Y from "yjs";
import { collaborationAccess } from "@/lib/policy";
import { UPDATE_REFUSAL_REASONS } from "@/lib/collab/protocol";
import type { UpdateRule } from "@/lib/collab/update-check";
import { SuggestionReplica } from "@/lib/suggestions/update-rule";

/**
 * The negotiation rule as a rule of the update check (lib/collab/update-check.ts): in a document
 * under negotiation, a sender with "suggest" access (a delegate) may only add their own
 * suggestions and change or take back only their own (lib/suggestions/update-rule.ts). The rule
 * tries the update on a replica of the live document kept per open document, so it sees the text
 * before and after the update and costs what the update touches.
 */
export class NegotiationRules {
  private readonly replicas = new Map<string, SuggestionReplica>();

  /** The rule for one update to one open document. */
  ruleFor({ documentName, document, update }: { documentName: string; document: Y.Doc; update: Uint8Array }): UpdateRule {
    return (_inspection, { actor, document: target }) => {
      if (collaborationAccess(actor, target) !== "suggest") return null;
      let replica = this.replicas.get(documentName);
      if (!replica) {
        replica = new SuggestionReplica(document);
        this.replicas.set(documentName, replica);
      }
      const verdict = replica.check(update, { id: actor.id, name: actor.name, organisationCode: actor.organisationCode });
      return verdict.isAllowed ? null : { reason: UPDATE_REFUSAL_REASONS.notAllowed, detail: verdict.reason };
    };
  }

  /** The document was unloaded. */
  forget(documentName: string): void {
    this.replicas.get(documentName)?.destroy();
    this.replicas.delete(documentName);
  }
}
