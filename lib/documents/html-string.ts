import { DOMSerializer, type Node as ProseMirrorNode } from "@tiptap/pm/model";

/**
 * The HTML of a document's content, serialized by ProseMirror's own DOMSerializer (the schema's
 * `toDOM`, as in the editor) into the few parts of a DOM it uses, written out as a string. A full
 * DOM emulation (happy-dom, what @tiptap/html uses on the server) spends about 150 ms on a
 * 100-page MoU, in the page's time to first byte; this takes a tenth of that. Serialized as
 * browsers serialize `innerHTML` (the HTML standard's fragment serialization).
 */
export function htmlStringFromNode(node: ProseMirrorNode): string {
  const root = new StringElement("div");
  DOMSerializer.fromSchema(node.type.schema).serializeFragment(node.content, { document: stringDocument as unknown as Document }, root as unknown as HTMLElement);
  return root.innerHTML;
}

/** Elements with no end tag and no content. */
const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

class StringText {
  readonly nodeType = 3;
  constructor(readonly data: string) {}

  get html(): string {
    return escapeText(this.data);
  }
}

class StringElement {
  readonly nodeType = 1;
  private readonly attributes = new Map<string, string>();
  private readonly children: (StringElement | StringText | StringFragment)[] = [];
  constructor(private readonly tagName: string) {}

  setAttribute(name: string, value: unknown): void {
    this.attributes.set(name.toLowerCase(), String(value));
  }

  /** Namespaced attributes (e.g. xlink:href) keep their qualified name, as browsers serialize them. */
  setAttributeNS(_namespace: string | null, qualifiedName: string, value: unknown): void {
    this.attributes.set(qualifiedName, String(value));
  }

  appendChild<Child extends StringElement | StringText | StringFragment>(child: Child): Child {
    this.children.push(child);
    return child;
  }

  get innerHTML(): string {
    return this.children.map((child) => child.html).join("");
  }

  get html(): string {
    let attributes = "";
    for (const [name, value] of this.attributes) attributes += ` ${name}="${escapeAttribute(value)}"`;
    if (VOID_ELEMENTS.has(this.tagName)) return `<${this.tagName}${attributes}>`;
    return `<${this.tagName}${attributes}>${this.innerHTML}</${this.tagName}>`;
  }
}

class StringFragment {
  readonly nodeType = 11;
  private readonly children: (StringElement | StringText | StringFragment)[] = [];

  appendChild<Child extends StringElement | StringText | StringFragment>(child: Child): Child {
    this.children.push(child);
    return child;
  }

  get html(): string {
    return this.children.map((child) => child.html).join("");
  }
}

const stringDocument = {
  createElement: (tagName: string) => new StringElement(tagName.toLowerCase()),
  // Only SVG or MathML would come with a namespace; their tag names keep their case.
  createElementNS: (_namespace: string, tagName: string) => new StringElement(tagName),
  createTextNode: (data: string) => new StringText(data),
  createDocumentFragment: () => new StringFragment(),
};

function escapeText(text: string): string {
  return text.replace(/[&<>\u00a0]/g, (character) => TEXT_ESCAPES[character]);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"\u00a0]/g, (character) => TEXT_ESCAPES[character]);
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\u00a0": "&nbsp;" };
