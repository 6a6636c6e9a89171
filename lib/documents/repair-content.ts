import { Fragment, type Mark, type Node as ProseMirrorNode, type NodeType, type Schema } from "@tiptap/pm/model";
import * as Y from "yjs";
import type { ProseMirrorJson } from "@/lib/documents/content";

/**
 * Reading a stored document that does not fit the editor's schema (stored before the server
 * checked updates, or written to the database by other means) without failing: whatever does not
 * fit is dropped or unwrapped, and its text is kept. Each change is listed so that the page can tell
 * the secretariat. A valid document comes out unchanged, with no repairs.
 */

export type RepairedDocument = { node: ProseMirrorNode; repairs: string[] };

/** The Yjs body fragment as loose ProseMirror JSON: node names, attributes and marks as stored, unchecked. */
export function looseJsonFromFragment(fragment: Y.XmlFragment): ProseMirrorJson {
  return { type: "doc", content: fragment.toArray().flatMap(looseJsonFromYType) };
}

function looseJsonFromYType(type: unknown): ProseMirrorJson[] {
  if (type instanceof Y.XmlText) {
    return (type.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).flatMap(({ insert, attributes }) =>
      typeof insert === "string" && insert.length > 0
        ? [{ type: "text", text: insert, marks: Object.entries(attributes ?? {}).map(([name, attrs]) => ({ type: markNameOf(name), attrs: isRecord(attrs) ? attrs : undefined })) }]
        : [],
    );
  }
  if (type instanceof Y.XmlElement) {
    return [{ type: type.nodeName, attrs: type.getAttributes() as Record<string, unknown>, content: type.toArray().flatMap(looseJsonFromYType) }];
  }
  return [];
}

/** Builds a valid document from loose JSON, dropping or unwrapping what the schema does not allow. */
export function repairJson(json: ProseMirrorJson, schema: Schema): RepairedDocument {
  const repairs: string[] = [];
  const children = (json.type === schema.topNodeType.name ? json.content ?? [] : [json]).flatMap((child) => build(child, schema, repairs));
  const node = fit(schema.topNodeType, {}, children, schema, repairs) ?? schema.topNodeType.createAndFill()!;
  return { node, repairs };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function markNameOf(attributeName: string): string {
  return /(.*)(--[a-zA-Z0-9+/=]{8})$/.exec(attributeName)?.[1] ?? attributeName;
}

/** Known attributes only, each as the schema can hold it. */
function knownAttributes(spec: Record<string, unknown> | undefined, attrs: Record<string, unknown> | undefined, owner: string, repairs: string[]) {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (spec && key in spec) result[key] = value;
    else repairs.push(`dropped unknown attribute "${key}" of ${owner}`);
  }
  return result;
}

/** A node and its subtree, or (when it cannot be one) the children it held. */
function build(json: ProseMirrorJson, schema: Schema, repairs: string[]): ProseMirrorNode[] {
  if (json.type === "text") {
    if (!json.text) return [];
    const marks: Mark[] = [];
    for (const mark of json.marks ?? []) {
      const markType = schema.marks[mark.type];
      if (!markType) {
        repairs.push(`dropped unknown mark "${mark.type}"`);
        continue;
      }
      try {
        marks.push(markType.create(knownAttributes(markType.spec.attrs, mark.attrs, `mark "${mark.type}"`, repairs)));
      } catch {
        repairs.push(`dropped malformed mark "${mark.type}"`);
      }
    }
    return [schema.text(json.text, orderedMarks(marks))];
  }
  const type = schema.nodes[json.type] as NodeType | undefined;
  const children = (json.content ?? []).flatMap((child) => build(child, schema, repairs));
  if (!type || type === schema.topNodeType) {
    repairs.push(`unwrapped unknown node "${json.type}"`);
    return children;
  }
  const node = fit(type, knownAttributes(type.spec.attrs, json.attrs, `"${type.name}"`, repairs), children, schema, repairs);
  if (node) return [node];
  repairs.push(`unwrapped "${type.name}" that could not hold its content`);
  return children;
}

/** Marks in schema order, without duplicates that exclude each other. */
function orderedMarks(marks: Mark[]): readonly Mark[] {
  let set: readonly Mark[] = [];
  for (const mark of marks) set = mark.addToSet(set);
  return set;
}

/** A node of `type` holding as much of `children` as fits: inline runs wrapped in paragraphs, blocks in textblocks flattened to text. */
function fit(type: NodeType, attrs: Record<string, unknown>, children: ProseMirrorNode[], schema: Schema, repairs: string[]): ProseMirrorNode | null {
  const content: ProseMirrorNode[] = [];
  let match = type.contentMatch;
  let inlineRun: ProseMirrorNode[] = [];
  const paragraph = schema.nodes.paragraph;
  const flushInline = () => {
    if (!inlineRun.length) return;
    const wrapped = match.matchType(paragraph) ? paragraph.create(null, inlineRun) : null;
    if (wrapped) {
      repairs.push(`wrapped loose text in a paragraph inside "${type.name}"`);
      content.push(wrapped);
      match = match.matchType(paragraph)!;
    } else {
      repairs.push(`dropped text not allowed in "${type.name}"`);
    }
    inlineRun = [];
  };
  const queue = [...children];
  while (queue.length) {
    const child = queue.shift()!;
    const next = match.matchType(child.type);
    if (next && (child.isText ? type.inlineContent : true)) {
      flushInline();
      content.push(type.inlineContent ? child.mark(child.marks.filter((mark) => type.allowsMarkType(mark.type))) : child);
      match = next;
    } else if (child.isInline && !type.inlineContent) {
      inlineRun.push(child);
    } else if (type.inlineContent && child.textContent) {
      repairs.push(`flattened "${child.type.name}" to text inside "${type.name}"`);
      const text = schema.text(child.textContent);
      const afterText = match.matchType(text.type);
      if (afterText) {
        content.push(text);
        match = afterText;
      }
    } else if (child.childCount > 0) {
      flushInline();
      repairs.push(`unwrapped "${child.type.name}" not allowed in "${type.name}"`);
      const inner: ProseMirrorNode[] = [];
      child.forEach((grandchild) => inner.push(grandchild));
      queue.unshift(...inner);
    } else {
      repairs.push(`dropped empty "${child.type.name}" not allowed in "${type.name}"`);
    }
  }
  flushInline();
  if (!match.validEnd) {
    const filler = match.fillBefore(Fragment.empty, true);
    if (!filler) return null;
    repairs.push(`completed "${type.name}" with required content`);
    filler.forEach((node) => content.push(node));
  }
  try {
    const node = type.createChecked(attrs, content);
    return node;
  } catch {
    try {
      return type.createChecked(null, content);
    } catch {
      return null;
    }
  }
}
