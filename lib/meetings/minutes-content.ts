import type { ProseMirrorJson } from "@/lib/documents/content";

export type MinutesOutline = {
  title: string;
  /** When and where, as the group reads it ("Thursday 20 February 2020, 10:00–16:00 CET, RCC, Sarajevo"). */
  heldAt: string;
  agenda: { title: string; presenter: string | null; notes?: string[] }[];
};

const text = (value: string): ProseMirrorJson => ({ type: "text", text: value });
const paragraph = (value?: string): ProseMirrorJson => (value ? { type: "paragraph", content: [text(value)] } : { type: "paragraph" });
const heading = (level: 1 | 2 | 3, value: string): ProseMirrorJson => ({ type: "heading", attrs: { level }, content: [text(value)] });

/**
 * The minutes' first draft: one section per agenda item, in agenda order, each with room for
 * the discussion. Decisions and action items are kept as structured records beside the text.
 */
export function minutesFromAgenda(outline: MinutesOutline): ProseMirrorJson {
  const sections = outline.agenda.flatMap((item, index) => [
    heading(2, `${index + 1}. ${item.title}`),
    ...(item.presenter ? [paragraph(`Presented by ${item.presenter}.`)] : []),
    ...(item.notes?.length ? item.notes.map((note) => paragraph(note)) : [paragraph()]),
  ]);
  return {
    type: "doc",
    content: [
      heading(1, `Minutes: ${outline.title}`),
      paragraph(outline.heldAt),
      ...(sections.length ? sections : [heading(2, "Discussion"), paragraph()]),
    ],
  };
}
