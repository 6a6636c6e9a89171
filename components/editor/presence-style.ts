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

/** A remote selection, tinted with the person's economy colour. */
export function renderRemoteSelection(user: Record<string, unknown>): DecorationAttrs {
  return { class: "remote-selection", style: `background-color: ${economyOf(user.organisationCode).colour}2e` };
}
