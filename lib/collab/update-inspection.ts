import * as Y from "yjs";

/**
 * What a Yjs update would change in a document, worked out without applying it and at a cost in
 * proportion to what it touches (the paragraphs and lists it edits), never to the document's size.
 *
 * The update is decoded into its structs and delete set. Each new item's parent is found from the
 * update's own items or the document's struct store (an item carries its parent only when it has
 * no left or right origin; otherwise it shares its origin's parent). Then:
 * - inserted elements, text runs, formatting items (y-prosemirror's marks: formatting attributes on
 *   a Y.XmlText), attribute changes and anything else (embeds, maps, other root types) are listed
 *   with their parent;
 * - deleted items are listed with their content and, for text, the formatting in effect on them;
 * - every parent whose list of children changes is listed, so a rule can check the children it
 *   will have afterwards (`childrenAfter`).
 *
 * Positions of new items among concurrent ones follow their origins (new items go right after the
 * item they were typed after); Yjs' tie-breaking between concurrent inserts at one spot is not
 * replayed, which can only reorder siblings inserted concurrently at the same place.
 */

/** A Yjs type an update touches: the document's root fragment, an element (a node) or a text (a run of inline text). */
export type InspectedContainer = {
  /** Stable identity within one inspection. */
  key: string;
  shape: "fragment" | "element" | "text" | "other";
  /** The root's name for a fragment, the node name for an element, "#text" for a text. */
  name: string;
  /** Created by this update. */
  isNew: boolean;
  /** Already deleted in the document, or deleted by this update (with its contents). */
  isDeleted: boolean;
  /** The containing element or fragment; null for a root. */
  parent: InspectedContainer | null;
  /** The existing Yjs type, when it is already in the document. */
  type: ReturnType<Y.Doc["get"]> | null;
};

/** Formatting attributes as y-prosemirror stores marks: attribute name (the mark's name, or `name--hash` for marks that may overlap) to mark attributes. */
export type Formatting = Record<string, unknown>;

export type InsertedElement = { id: Y.ID; element: InspectedContainer; parent: InspectedContainer; nodeName: string };
export type InsertedText = { id: Y.ID; parent: InspectedContainer; text: string; formatting: Formatting };
export type InsertedFormat = { id: Y.ID; parent: InspectedContainer; key: string; markName: string; value: unknown };
export type AttributeChange = { id: Y.ID; element: InspectedContainer; key: string; value: unknown };
export type InsertedOther = { id: Y.ID; parent: InspectedContainer; content: string; parentSub: string | null };
export type Deletion =
  | { kind: "element"; id: Y.ID; parent: InspectedContainer; nodeName: string; element: InspectedContainer }
  | { kind: "text"; id: Y.ID; parent: InspectedContainer; text: string; formatting: Formatting }
  | { kind: "format"; id: Y.ID; parent: InspectedContainer; key: string; markName: string; value: unknown }
  | { kind: "attribute"; id: Y.ID; element: InspectedContainer; key: string; value: unknown }
  | { kind: "other"; id: Y.ID; parent: InspectedContainer; content: string };

/** A child of an element or fragment after the update: an element with its node name, or a text. */
export type ChildAfter = { shape: "element" | "text" | "other"; name: string };

export type UpdateInspection = {
  /** Nothing new: every struct is known and every deletion already happened. */
  isEmpty: boolean;
  /** Items referring to structs neither the update nor the document has (Yjs would hold them back as pending). */
  unresolved: string[];
  insertedElements: InsertedElement[];
  insertedTexts: InsertedText[];
  insertedFormats: InsertedFormat[];
  attributeChanges: AttributeChange[];
  insertedOther: InsertedOther[];
  deletions: Deletion[];
  /** Elements and fragments whose children change (new elements included), not deleted ones. */
  changedChildLists: InspectedContainer[];
  /** The children a container will have once the update is applied (computed on demand). */
  childrenAfter: (container: InspectedContainer) => ChildAfter[];
  /** Only the children this update adds to a container and does not delete again. */
  addedChildren: (container: InspectedContainer) => ChildAfter[];
  /** Whether the container keeps at least one child once the update is applied; stops at the first. */
  hasChildrenAfter: (container: InspectedContainer) => boolean;
};

/** y-prosemirror names a mark that may overlap itself `name--<8-character hash>`. */
const hashedMarkName = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

/** The mark name behind a formatting attribute name. */
export function markNameOf(attributeName: string): string {
  return hashedMarkName.exec(attributeName)?.[1] ?? attributeName;
}

/** Any shared type (the class's generic parameter is only the event type). */
type YType = ReturnType<Y.Doc["get"]>;

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

type NewItem = { item: Y.Item; offset: number };

/** Lists what `update` would change in `document`. Throws on an update that does not decode. */
export function inspectUpdate(document: Y.Doc, update: Uint8Array): UpdateInspection {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = document.store;

  // New items by client, in clock order, with the offset of their first unknown clock.
  const newItems: NewItem[] = [];
  const newByClient = new Map<number, NewItem[]>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip carry no content
    const known = Y.getState(store, struct.id.client);
    if (struct.id.clock + struct.length <= known) continue;
    const entry = { item: struct, offset: Math.max(0, known - struct.id.clock) };
    newItems.push(entry);
    const list = newByClient.get(struct.id.client) ?? [];
    list.push(entry);
    newByClient.set(struct.id.client, list);
  }

  const findNew = (id: Y.ID): NewItem | undefined => {
    const list = newByClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const { item } = list[middle];
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return list[middle];
    }
    return undefined;
  };
  const findExisting = (id: Y.ID): Y.Item | Y.GC | null => {
    if (id.clock >= Y.getState(store, id.client)) return null;
    const clientStructs = store.clients.get(id.client);
    if (!clientStructs) return null;
    return clientStructs[Y.findIndexSS(clientStructs, id.clock)] as Y.Item | Y.GC;
  };

  const isDeletedByUpdate = (id: Y.ID) => Y.isDeleted(ds, id);
  const isRangeDeletedByUpdate = (id: Y.ID, length: number) => {
    for (let clock = id.clock; clock < id.clock + length; clock += 1) if (!Y.isDeleted(ds, Y.createID(id.client, clock))) return false;
    return true;
  };

  const containers = new Map<string, InspectedContainer>();
  const unresolved = new Set<string>();

  /** The container for an existing Yjs type. */
  const containerOfType = (type: YType): InspectedContainer => {
    const item = type._item;
    const key = item ? `item:${idKey(item.id)}` : `root:${rootNameOf(document, type)}`;
    const cached = containers.get(key);
    if (cached) return cached;
    const container: InspectedContainer = {
      key,
      shape: shapeOf(type, !item),
      name: !item ? rootNameOf(document, type) : type instanceof Y.XmlElement ? type.nodeName : type instanceof Y.XmlText ? "#text" : type.constructor.name,
      isNew: false,
      isDeleted: item ? item.deleted || isRangeDeletedByUpdate(item.id, 1) : false,
      parent: null,
      type,
    };
    containers.set(key, container);
    if (item) {
      container.parent = containerOfType(item.parent as YType);
      if (container.parent.isDeleted) container.isDeleted = true;
    }
    return container;
  };

  const containerOfRoot = (name: string): InspectedContainer => {
    const key = `root:${name}`;
    const cached = containers.get(key);
    if (cached) return cached;
    const existing = document.share.get(name);
    const container: InspectedContainer = { key, shape: existing ? shapeOf(existing, true) : "fragment", name, isNew: !existing, isDeleted: false, parent: null, type: existing ?? null };
    containers.set(key, container);
    return container;
  };

  /** The container for a new item holding a type (an element or text created by this update). */
  const containerOfNewType = (entry: NewItem): InspectedContainer | null => {
    const key = `item:${idKey(entry.item.id)}`;
    const cached = containers.get(key);
    if (cached) return cached;
    const content = entry.item.content;
    if (!(content instanceof Y.ContentType)) return null;
    const type = content.type;
    const container: InspectedContainer = {
      key,
      shape: shapeOf(type, false),
      name: type instanceof Y.XmlElement ? type.nodeName : type instanceof Y.XmlText ? "#text" : type.constructor.name,
      isNew: true,
      isDeleted: isRangeDeletedByUpdate(entry.item.id, 1),
      parent: null,
      type: null,
    };
    containers.set(key, container);
    const placement = placementOf(entry);
    if (!placement) return null;
    container.parent = placement.parent;
    if (placement.parent.isDeleted) container.isDeleted = true;
    return container;
  };

  const placements = new Map<Y.Item, { parent: InspectedContainer; parentSub: string | null } | null>();

  /** Where a new item goes: its parent and map key, from the item itself or its origins. */
  function placementOf(entry: NewItem): { parent: InspectedContainer; parentSub: string | null } | null {
    const item = entry.item;
    if (placements.has(item)) return placements.get(item)!;
    placements.set(item, null); // guards against cycles in a forged update
    let result: { parent: InspectedContainer; parentSub: string | null } | null = null;
    const parent = item.parent as unknown;
    if (typeof parent === "string") {
      result = { parent: containerOfRoot(parent), parentSub: item.parentSub };
    } else if (parent) {
      const parentContainer = containerOfId(parent as Y.ID);
      result = parentContainer ? { parent: parentContainer, parentSub: item.parentSub } : null;
    } else {
      for (const neighbour of [item.origin, item.rightOrigin]) {
        if (!neighbour) continue;
        if (neighbour.clock < Y.getState(store, neighbour.client)) {
          const existing = findExisting(neighbour);
          if (existing instanceof Y.Item) result = { parent: containerOfType(existing.parent as YType), parentSub: existing.parentSub };
          else if (existing) result = { parent: garbageContainer(), parentSub: null }; // Yjs drops items next to collected garbage
        } else {
          const inUpdate = findNew(neighbour);
          if (inUpdate) result = placementOf(inUpdate);
        }
        break;
      }
    }
    if (!result) unresolved.add(idKey(item.id));
    placements.set(item, result);
    return result;
  }

  /** The container for the type held by the item with this id, new or existing. */
  function containerOfId(id: Y.ID): InspectedContainer | null {
    const existing = findExisting(id);
    if (existing instanceof Y.Item) {
      if (existing.content instanceof Y.ContentType) return containerOfType(existing.content.type);
      return null;
    }
    if (existing) return garbageContainer();
    const inUpdate = findNew(id);
    return inUpdate ? containerOfNewType(inUpdate) : null;
  }

  function garbageContainer(): InspectedContainer {
    const key = "garbage";
    const cached = containers.get(key);
    if (cached) return cached;
    const container: InspectedContainer = { key, shape: "other", name: "#deleted", isNew: false, isDeleted: true, parent: null, type: null };
    containers.set(key, container);
    return container;
  }

  const inspection: UpdateInspection = {
    isEmpty: true,
    unresolved: [],
    insertedElements: [],
    insertedTexts: [],
    insertedFormats: [],
    attributeChanges: [],
    insertedOther: [],
    deletions: [],
    changedChildLists: [],
    childrenAfter: () => [],
    addedChildren: () => [],
    hasChildrenAfter: () => false,
  };

  // New items per parent container (children only, not map entries), for ordering.
  const newChildren = new Map<InspectedContainer, NewItem[]>();
  const changed = new Set<InspectedContainer>();

  for (const entry of newItems) {
    inspection.isEmpty = false;
    const placement = placementOf(entry);
    if (!placement) continue;
    const { parent, parentSub } = placement;
    if (parent.isDeleted) continue; // Yjs deletes whatever is inserted into a deleted type
    const { item, offset } = entry;
    const content = item.content;
    if (content instanceof Y.ContentDeleted) continue;
    if (parentSub === null) {
      const siblings = newChildren.get(parent) ?? [];
      siblings.push(entry);
      newChildren.set(parent, siblings);
    }
    const isDeletedNow = isRangeDeletedByUpdate(Y.createID(item.id.client, item.id.clock + offset), item.length - offset);
    if (parentSub !== null) {
      if (parent.shape === "element" && content instanceof Y.ContentAny) {
        if (!isDeletedNow) inspection.attributeChanges.push({ id: item.id, element: parent, key: parentSub, value: content.arr.at(-1) });
      } else {
        inspection.insertedOther.push({ id: item.id, parent, content: content.constructor.name, parentSub });
      }
      continue;
    }
    if (isDeletedNow) continue;
    if (content instanceof Y.ContentType) {
      const element = containerOfNewType(entry);
      if (!element) continue;
      if (parent.shape !== "text" && (element.shape === "element" || element.shape === "text")) {
        changed.add(parent);
        if (element.shape === "element") {
          inspection.insertedElements.push({ id: item.id, element, parent, nodeName: element.name });
          changed.add(element);
        }
      } else {
        inspection.insertedOther.push({ id: item.id, parent, content: `${element.shape}:${element.name}`, parentSub: null });
      }
    } else if (parent.shape === "text" && content instanceof Y.ContentString) {
      // Filled in below, once the formatting in effect at each position is known.
    } else if (parent.shape === "text" && content instanceof Y.ContentFormat) {
      inspection.insertedFormats.push({ id: item.id, parent, key: content.key, markName: markNameOf(content.key), value: content.value });
    } else {
      inspection.insertedOther.push({ id: item.id, parent, content: content.constructor.name, parentSub: null });
    }
  }

  /** Existing and new children of a container, in their order after the update (see the note on positions above). */
  const orderedItems = (container: InspectedContainer): { item: Y.Item; offset: number; isNew: boolean }[] => {
    const existing: Y.Item[] = [];
    if (container.type) for (let item = container.type._start; item; item = item.right) existing.push(item);
    const followers = new Map<string, NewItem[]>();
    const anchorOf = (entry: NewItem): string => {
      const origin = entry.offset > 0 ? Y.createID(entry.item.id.client, entry.item.id.clock + entry.offset - 1) : entry.item.origin;
      if (!origin) return "start";
      const inUpdate = findNew(origin);
      if (inUpdate && origin.clock >= Y.getState(store, origin.client)) return `new:${idKey(inUpdate.item.id)}`;
      const found = findExisting(origin);
      return found ? `old:${idKey(found.id)}` : "start";
    };
    for (const entry of newChildren.get(container) ?? []) {
      const anchor = anchorOf(entry);
      const list = followers.get(anchor) ?? [];
      // An item typed before a sibling with the same origin (its right origin) goes first.
      const before = list.findIndex((other) => entry.item.rightOrigin && Y.compareIDs(entry.item.rightOrigin, other.item.id));
      if (before === -1) list.push(entry);
      else list.splice(before, 0, entry);
      followers.set(anchor, list);
    }
    const result: { item: Y.Item; offset: number; isNew: boolean }[] = [];
    const emitFollowers = (anchor: string) => {
      const stack = [...(followers.get(anchor) ?? [])].reverse();
      followers.delete(anchor);
      while (stack.length) {
        const entry = stack.pop()!;
        result.push({ item: entry.item, offset: entry.offset, isNew: true });
        const next = followers.get(`new:${idKey(entry.item.id)}`);
        followers.delete(`new:${idKey(entry.item.id)}`);
        if (next) stack.push(...[...next].reverse());
      }
    };
    emitFollowers("start");
    for (const item of existing) {
      result.push({ item, offset: 0, isNew: false });
      emitFollowers(`old:${idKey(item.id)}`);
    }
    // Anything left points at an item outside this container: placed last.
    for (const anchor of [...followers.keys()]) emitFollowers(anchor);
    return result;
  };

  // Text runs, with the formatting in effect where they land: formatting items to their left
  // (existing ones this update keeps, and new ones) set or clear attributes, as in Y.Text.
  for (const container of newChildren.keys()) {
    if (container.shape !== "text") continue;
    const formatting: Formatting = {};
    for (const { item, offset, isNew } of orderedItems(container)) {
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        const isLive = isNew ? !isDeletedByUpdate(item.id) : !item.deleted && !isDeletedByUpdate(item.id);
        if (!isLive) continue;
        if (content.value === null) delete formatting[content.key];
        else formatting[content.key] = content.value;
      } else if (isNew && content instanceof Y.ContentString) {
        const text = liveText(item, offset, content.str, isDeletedByUpdate);
        if (text) inspection.insertedTexts.push({ id: item.id, parent: container, text, formatting: { ...formatting } });
      }
    }
  }

  // Deletions of items the document holds and has not deleted yet.
  const formattingBefore = new Map<InspectedContainer, Map<Y.Item, Formatting>>();
  const formattingOf = (container: InspectedContainer, target: Y.Item): Formatting => {
    let map = formattingBefore.get(container);
    if (!map) {
      map = new Map();
      const current: Formatting = {};
      for (let item = container.type?._start ?? null; item; item = item.right) {
        if (item.content instanceof Y.ContentFormat && !item.deleted) {
          if (item.content.value === null) delete current[item.content.key];
          else current[item.content.key] = item.content.value;
        }
        if (item.content instanceof Y.ContentString) map.set(item, { ...current });
      }
      formattingBefore.set(container, map);
    }
    return map.get(target) ?? {};
  };
  for (const [client, ranges] of ds.clients) {
    const clientStructs = store.clients.get(client);
    const known = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (end > known) {
        // Deleting clocks the document has not seen: fine only for items this update brings.
        for (let missing = Math.max(clock, known); missing < end; missing += 1) {
          if (!findNew(Y.createID(client, missing))) {
            unresolved.add(`${client}:${missing}`);
            break;
          }
        }
      }
      if (!clientStructs || clock >= known) continue;
      for (let index = Y.findIndexSS(clientStructs, clock); index < clientStructs.length; index += 1) {
        const struct = clientStructs[index];
        if (struct.id.clock >= end) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        inspection.isEmpty = false;
        const parent = containerOfType(struct.parent as YType);
        const content = struct.content;
        if (struct.parentSub !== null) {
          inspection.deletions.push({ kind: "attribute", id: struct.id, element: parent, key: struct.parentSub, value: content.getContent().at(-1) });
          continue;
        }
        if (content instanceof Y.ContentType) {
          const element = containerOfType(content.type);
          inspection.deletions.push({ kind: "element", id: struct.id, parent, nodeName: element.name, element });
          changed.add(parent);
        } else if (content instanceof Y.ContentString) {
          const from = Math.max(clock, struct.id.clock) - struct.id.clock;
          const to = Math.min(end, struct.id.clock + struct.length) - struct.id.clock;
          inspection.deletions.push({ kind: "text", id: Y.createID(client, struct.id.clock + from), parent, text: content.str.slice(from, to), formatting: formattingOf(parent, struct) });
        } else if (content instanceof Y.ContentFormat) {
          inspection.deletions.push({ kind: "format", id: struct.id, parent, key: content.key, markName: markNameOf(content.key), value: content.value });
        } else if (content.isCountable()) {
          inspection.deletions.push({ kind: "other", id: struct.id, parent, content: content.constructor.name });
          changed.add(parent);
        }
      }
    }
  }

  inspection.unresolved = [...unresolved];
  inspection.changedChildLists = [...changed].filter((container) => !container.isDeleted && container.shape !== "text");
  const isLiveAfter = (item: Y.Item, isNew: boolean): boolean => {
    if (item.parentSub !== null) return false;
    if (isNew ? isRangeDeletedByUpdate(item.id, 1) : item.deleted || isDeletedByUpdate(item.id)) return false;
    return !(item.content instanceof Y.ContentDeleted) && item.content.isCountable();
  };
  const childOf = (item: Y.Item): ChildAfter => {
    const content = item.content;
    if (!(content instanceof Y.ContentType)) return { shape: "other", name: content.constructor.name };
    const type = content.type;
    return { shape: type instanceof Y.XmlElement ? "element" : type instanceof Y.XmlText ? "text" : "other", name: type instanceof Y.XmlElement ? type.nodeName : type.constructor.name };
  };
  inspection.childrenAfter = (container) => orderedItems(container).filter(({ item, isNew }) => isLiveAfter(item, isNew)).map(({ item }) => childOf(item));
  inspection.addedChildren = (container) => (newChildren.get(container) ?? []).filter(({ item }) => isLiveAfter(item, true)).map(({ item }) => childOf(item));
  inspection.hasChildrenAfter = (container) => {
    if ((newChildren.get(container) ?? []).some(({ item }) => isLiveAfter(item, true))) return true;
    for (let item = container.type?._start ?? null; item; item = item.right) if (isLiveAfter(item, false)) return true;
    return false;
  };
  return inspection;
}

function shapeOf(type: YType, isRoot: boolean): InspectedContainer["shape"] {
  if (type instanceof Y.XmlText) return "text";
  if (type instanceof Y.XmlElement) return "element";
  // A root the server has only received through updates is still a plain AbstractType.
  if (isRoot && (type instanceof Y.XmlFragment || type.constructor === Y.AbstractType)) return "fragment";
  return "other";
}

function rootNameOf(document: Y.Doc, type: YType): string {
  for (const [name, shared] of document.share) if (shared === type) return name;
  return "#unknown";
}

/** The part of a new string item that this same update does not delete again. */
function liveText(item: Y.Item, offset: number, text: string, isDeleted: (id: Y.ID) => boolean): string {
  let result = "";
  for (let index = offset; index < text.length; index += 1) if (!isDeleted(Y.createID(item.id.client, item.id.clock + index))) result += text[index];
  return result;
}

/** The root a container belongs to (itself for a root). */
export function rootOf(container: InspectedContainer): InspectedContainer {
  let current = container;
  while (current.parent) current = current.parent;
  return current;
}

/** The element a text sits in (a textblock in a valid document), or the fragment. */
export function elementOf(container: InspectedContainer): InspectedContainer | null {
  return container.shape === "text" ? container.parent : container;
}
