import type { NodeType, Schema } from "@tiptap/pm/model";
import * as Y from "yjs";
import { documentSchema } from "@/lib/documents/content";
import { DOCUMENT_FIELD } from "@/lib/editor/extensions";
import type { Actor, DocumentTarget } from "@/lib/policy";
import { UPDATE_REFUSAL_REASONS, type UpdateRefusalReason } from "@/lib/collab/protocol";
import { elementOf, inspectUpdate, markNameOf, rootOf, type InspectedContainer, type UpdateInspection } from "@/lib/collab/update-inspection";

/**
 * The collaboration server's check of every update before it is stored or relayed: the update is
 * inspected (lib/collab/update-inspection.ts) and a list of rules runs over what it changes. The
 * first rule that refuses decides. Rules see who sends the update and which document it is for,
 * so document-specific rules (e.g. suggestions only, in a negotiation) are added to the list.
 */

export type UpdateCheckContext = {
  actor: Actor;
  document: DocumentTarget;
  schema: Schema;
};

export type UpdateRefusal = { reason: UpdateRefusalReason; detail: string };

/** A rule returns a refusal, or null when the update is fine as far as it is concerned. */
export type UpdateRule = (inspection: UpdateInspection, context: UpdateCheckContext) => UpdateRefusal | null;

export type UpdateVerdict = { isAccepted: true; inspection: UpdateInspection } | ({ isAccepted: false; inspection: UpdateInspection | null } & UpdateRefusal);

/** Inspects the update against the document and runs the rules; throws only on an update that does not decode. */
export function checkUpdate({ document, update, actor, target, rules = DEFAULT_UPDATE_RULES }: {
  document: Y.Doc;
  update: Uint8Array;
  actor: Actor;
  target: DocumentTarget;
  rules?: readonly UpdateRule[];
}): UpdateVerdict {
  const inspection = inspectUpdate(document, update);
  const context: UpdateCheckContext = { actor, document: target, schema: documentSchema() };
  for (const rule of rules) {
    const refusal = rule(inspection, context);
    if (refusal) return { isAccepted: false, inspection, ...refusal };
  }
  return { isAccepted: true, inspection };
}

const invalid = (detail: string): UpdateRefusal => ({ reason: UPDATE_REFUSAL_REASONS.invalidDocument, detail });

/** The node type a container stands for: the schema's top node for the body fragment. */
function nodeTypeOf(container: InspectedContainer, schema: Schema): NodeType | null {
  if (container.shape === "fragment") return container.name === DOCUMENT_FIELD ? schema.topNodeType : null;
  if (container.shape !== "element") return null;
  const type = schema.nodes[container.name] as NodeType | undefined;
  return type && type !== schema.topNodeType && type !== schema.nodes.text ? type : null;
}

function isPlainValue(value: unknown): boolean {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return typeof value !== "number" || Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainValue);
  if (typeof value === "object") return Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every(isPlainValue);
  return false;
}

/** Whether formatting attribute `key` with `value` is a mark the schema knows, with attributes it knows, allowed in `textblock`. */
function markProblem(key: string, value: unknown, textblock: NodeType | null, schema: Schema): string | null {
  const markType = schema.marks[markNameOf(key)];
  if (!markType) return `unknown mark "${markNameOf(key)}"`;
  if (value !== null && (typeof value !== "object" || Array.isArray(value) || !isPlainValue(value))) return `mark "${markType.name}" with malformed attributes`;
  for (const attribute of Object.keys((value ?? {}) as object)) if (!(attribute in (markType.spec.attrs ?? {}))) return `mark "${markType.name}" has no attribute "${attribute}"`;
  if (textblock && !textblock.allowsMarkType(markType)) return `mark "${markType.name}" is not allowed in "${textblock.name}"`;
  return null;
}

/**
 * The editor's schema (lib/editor/extensions.ts): only the body fragment changes; elements are
 * known nodes with known attributes; text and formatting only inside textblocks, with known marks;
 * every changed list of children (new elements included) fits its node's content expression,
 * minimum content included. Costs in proportion to the lists and text runs the update touches.
 */
export const schemaRule: UpdateRule = (inspection, { schema }) => {
  if (inspection.unresolved.length) {
    return { reason: UPDATE_REFUSAL_REASONS.missingDependencies, detail: `refers to content the server does not have (${inspection.unresolved.slice(0, 3).join(", ")})` };
  }
  const touched = [
    ...inspection.insertedElements.map((entry) => entry.parent),
    ...inspection.insertedTexts.map((entry) => entry.parent),
    ...inspection.insertedFormats.map((entry) => entry.parent),
    ...inspection.attributeChanges.map((entry) => entry.element),
    ...inspection.insertedOther.map((entry) => entry.parent),
    ...inspection.deletions.map((entry) => (entry.kind === "attribute" ? entry.element : entry.parent)),
  ];
  for (const container of touched) {
    const root = rootOf(container);
    if (root.name !== DOCUMENT_FIELD || root.shape !== "fragment") return invalid(`changes "${root.name}", which is not the document body`);
  }
  const other = inspection.insertedOther[0];
  if (other) return invalid(`inserts ${other.content} into ${other.parent.name}${other.parentSub ? ` (key "${other.parentSub}")` : ""}, which the editor never does`);
  for (const { nodeName, element } of inspection.insertedElements) {
    if (!nodeTypeOf(element, schema)) return invalid(`unknown node "${nodeName}"`);
  }
  for (const { element, key, value } of inspection.attributeChanges) {
    const type = nodeTypeOf(element, schema);
    if (!type) return invalid(`attribute "${key}" on unknown node "${element.name}"`);
    if (!(key in (type.spec.attrs ?? {}))) return invalid(`node "${type.name}" has no attribute "${key}"`);
    if (!isPlainValue(value)) return invalid(`attribute "${key}" of "${type.name}" has a value the editor cannot hold`);
  }
  for (const deletion of inspection.deletions) {
    if (deletion.kind !== "attribute" || deletion.element.isDeleted) continue;
    const type = nodeTypeOf(deletion.element, schema);
    const isReplaced = inspection.attributeChanges.some((change) => change.element === deletion.element && change.key === deletion.key);
    const attribute = type?.spec.attrs?.[deletion.key];
    if (type && attribute && !("default" in attribute) && !isReplaced) return invalid(`removes required attribute "${deletion.key}" of "${type.name}"`);
  }
  for (const { parent, formatting } of inspection.insertedTexts) {
    const element = elementOf(parent);
    const textblock = element ? nodeTypeOf(element, schema) : null;
    for (const [key, value] of Object.entries(formatting)) {
      const problem = markProblem(key, value, textblock, schema);
      if (problem) return invalid(problem);
    }
  }
  for (const { parent, key, value } of inspection.insertedFormats) {
    const element = elementOf(parent);
    const problem = markProblem(key, value, element ? nodeTypeOf(element, schema) : null, schema);
    if (problem) return invalid(problem);
  }
  for (const container of inspection.changedChildLists) {
    const type = nodeTypeOf(container, schema);
    if (!type) return invalid(`changes the children of unknown node "${container.name}"`);
    const repetition = repetitionOf(type, schema);
    if (repetition && !container.isNew) {
      // The list fitted before, and any order of these children fits: only what the update adds
      // can break it, and removing can only empty it. Pressing Enter in a 100-page text then costs
      // what it adds, not a walk over every block.
      for (const child of inspection.addedChildren(container)) {
        const childType = child.shape === "text" ? schema.nodes.text : child.shape === "element" ? nodeTypeOf({ ...container, shape: "element", name: child.name }, schema) : null;
        if (!childType) return invalid(`"${type.name}" would contain unknown content "${child.name}"`);
        if (!repetition.allowed.has(childType)) return invalid(`"${childType.name === "text" ? "text" : childType.name}" is not allowed here in "${type.name}" (${type.spec.content ?? "no content"})`);
      }
      if (repetition.needsOne && !inspection.hasChildrenAfter(container)) return invalid(`"${type.name}" would be incomplete (${type.spec.content})`);
      continue;
    }
    let match: ReturnType<NodeType["contentMatch"]["matchType"]> = type.contentMatch;
    for (const child of inspection.childrenAfter(container)) {
      const childType = child.shape === "text" ? schema.nodes.text : child.shape === "element" ? nodeTypeOf({ ...container, shape: "element", name: child.name }, schema) : null;
      if (!childType) return invalid(`"${type.name}" would contain unknown content "${child.name}"`);
      match = match?.matchType(childType) ?? null;
      if (!match) return invalid(`"${childType.name === "text" ? "text" : childType.name}" is not allowed here in "${type.name}" (${type.spec.content ?? "no content"})`);
    }
    if (!match?.validEnd) return invalid(`"${type.name}" would be incomplete (${type.spec.content})`);
  }
  return null;
};

type Repetition = { allowed: ReadonlySet<NodeType>; needsOne: boolean };
const repetitions = new WeakMap<NodeType, Repetition | null>();

/**
 * Whether a node's content expression is "any of these, repeated" (`block+`, `listItem+`,
 * `tableRow+`, `inline*`…): one state of the content automaton that every allowed child leads
 * back to. Then a list fits exactly when each child is allowed (and, for `+`, there is one).
 */
function repetitionOf(type: NodeType, schema: Schema): Repetition | null {
  if (repetitions.has(type)) return repetitions.get(type)!;
  const start = type.contentMatch;
  const allowed = new Set<NodeType>();
  let loop: typeof start | null = null;
  let isRepetition = true;
  for (const candidate of Object.values(schema.nodes)) {
    const next = start.matchType(candidate);
    if (!next) continue;
    if (loop && next !== loop) isRepetition = false;
    loop = next;
    allowed.add(candidate);
  }
  if (!loop || !loop.validEnd) isRepetition = false;
  for (const candidate of Object.values(schema.nodes)) {
    if (!isRepetition || !loop) break;
    const next = loop.matchType(candidate);
    if (allowed.has(candidate) ? next !== loop : next !== null) isRepetition = false;
  }
  const repetition = isRepetition ? { allowed, needsOne: !start.validEnd } : null;
  repetitions.set(type, repetition);
  return repetition;
}

/** The rules every update must pass. */
export const DEFAULT_UPDATE_RULES: readonly UpdateRule[] = [schemaRule];
