"use client";

import { BLOCK_STYLES, shortcutLabel } from "@/components/editor/EditorToolbar";

const FORMATTING = [
  { label: "Bold", shortcut: "Mod+B" },
  { label: "Italic", shortcut: "Mod+I" },
  { label: "Underline", shortcut: "Mod+U" },
  { label: "Link", shortcut: "Mod+K" },
  { label: "Numbered paragraph", shortcut: "Mod+Alt+P" },
  { label: "Bulleted list", shortcut: "Mod+Shift+8" },
  { label: "Numbered list", shortcut: "Mod+Shift+7" },
  { label: "Note", shortcut: "Mod+Alt+F" },
  { label: "Comment on the selection", shortcut: "Mod+Alt+M" },
  { label: "Undo your change", shortcut: "Mod+Z" },
  { label: "Redo", shortcut: "Mod+Shift+Z" },
];

/** The editor's keyboard shortcuts, folded away until asked for. */
export function ShortcutsHelp({ isApple }: { isApple: boolean }) {
  const rows = [...BLOCK_STYLES, ...FORMATTING];
  return (
    <details className="shortcuts-help">
      <summary>Keyboard shortcuts</summary>
      <dl className="shortcuts-help__list">
        {rows.map((row) => (
          <div key={row.label} className="shortcuts-help__row">
            <dt>{row.label}</dt>
            <dd><kbd>{shortcutLabel(row.shortcut, isApple)}</kbd></dd>
          </div>
        ))}
      </dl>
      <p className="shortcuts-help__note">Undo takes back only your own changes, never a colleague&apos;s.</p>
    </details>
  );
}
