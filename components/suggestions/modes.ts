import type { EditorMode } from "@/lib/editor/suggesting";

/** The modes a person may switch between, the first being where they start. */
export function allowedModes({ canEdit, canSuggest }: { canEdit: boolean; canSuggest: boolean }): EditorMode[] {
  if (canEdit) return ["editing", "suggesting", "viewing"];
  return canSuggest ? ["suggesting", "viewing"] : ["viewing"];
}

/** Ctrl+Alt+Shift (⌘⌥⇧ on Apple) with Z, X or C, as in Google Docs. Keyed by `KeyboardEvent.code`, which Alt does not change. */
export const MODE_SHORTCUTS: Record<string, EditorMode> = { KeyZ: "editing", KeyX: "suggesting", KeyC: "viewing" };

export const MODE_LABELS: Record<EditorMode, { label: string; shortcut: string; hint: string }> = {
  editing: { label: "Editing", shortcut: "Mod+Alt+Shift+Z", hint: "Your changes go straight into the text." },
  suggesting: { label: "Suggesting", shortcut: "Mod+Alt+Shift+X", hint: "Your changes are shown as suggestions for the secretariat to accept or reject." },
  viewing: { label: "Viewing", shortcut: "Mod+Alt+Shift+C", hint: "Read the text without changing it." },
};
