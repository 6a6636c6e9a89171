import { Extension } from "@tiptap/core";
import { Plugin } from "@tiptap/pm/state";
import type { DecorationAttrs } from "@tiptap/pm/view";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";

const FALLBACK_COLOUR = "#6b7785";

/** The colour and short label of an organisation code received from a peer (unknown codes stay neutral). */
export function economyOf(code: unknown): { colour: string; label: string } {
  const entry = ORGANISATIONS.find((organisation) => organisation.code === code);
  if (!entry) return { colour: FALLBACK_COLOUR, label: "" };
  return { colour: entry.colour, label: entry.shortName };
}

/**
 * A remote caret: a thin bar in the person's economy colour with their name and economy above it.
 * Hidden from screen readers, which get the list of people present instead.
 */
export function renderRemoteCaret(user: Record<string, unknown>): HTMLElement {
  const { colour, label } = economyOf(user.organisationCode);
  const caret = document.createElement("span");
  caret.className = "remote-caret";
  caret.setAttribute("aria-hidden", "true");
  caret.style.setProperty("--caret-colour", colour);
  const tag = document.createElement("span");
  tag.className = "remote-caret__label";
  tag.textContent = label ? `${String(user.name ?? "")} · ${label}` : String(user.name ?? "");
  // Word joiners keep the caret from breaking the line it sits in.
  caret.append(document.createTextNode("\u2060"), tag, document.createTextNode("\u2060"));
  return caret;
}

/**
 * A label starts at its caret and runs right; near the right edge of the page it would stick out past
 * the sheet (over the side column, or widening a phone's page), or be cut off by a table's scrolling
 * wrapper: there it runs left from the caret instead. Checked after every change the editor draws, at most once a frame, because the editor
 * moves a caret's element rather than drawing it anew, and other people's typing moves it too.
 */
export const CaretLabelPlacement = Extension.create({
  name: "caretLabelPlacement",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        view: (view) => {
          let frame = 0;
          const schedule = () => {
            if (frame) return;
            frame = requestAnimationFrame(() => {
              frame = 0;
              placeCaretLabels(view.dom);
            });
          };
          schedule();
          return { update: schedule, destroy: () => cancelAnimationFrame(frame) };
        },
      }),
    ];
  },
});

function placeCaretLabels(editorElement: HTMLElement) {
  const carets = [...editorElement.querySelectorAll<HTMLElement>(".remote-caret")];
  if (carets.length === 0) return;
  const page = editorElement.closest(".document-sheet") ?? editorElement;
  // Every position read before any class changes, so the page is laid out once.
  const runsLeft = carets.map((caret) => {
    const label = caret.querySelector(".remote-caret__label");
    if (!label) return false;
    // A table's scrolling wrapper would cut the label off at its own edge.
    const bound = (caret.closest(".tableWrapper") ?? page).getBoundingClientRect().right;
    // Where the label would end running right from its caret, whichever way it runs now.
    return caret.getBoundingClientRect().left + label.getBoundingClientRect().width > bound;
  });
  carets.forEach((caret, index) => caret.classList.toggle("remote-caret--label-left", runsLeft[index]));
}

/** A remote selection, tinted with the person's economy colour. */
export function renderRemoteSelection(user: Record<string, unknown>): DecorationAttrs {
  return { class: "remote-selection", style: `background-color: ${economyOf(user.organisationCode).colour}2e` };
}
