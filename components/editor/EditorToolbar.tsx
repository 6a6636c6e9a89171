"use client";

import { useId, useState, type ReactNode } from "react";
import { useEditorState, type Editor } from "@tiptap/react";
import { createTable } from "@tiptap/extension-table";
import { normaliseLink } from "@/lib/editor/links";
import type { EditorMode } from "@/lib/editor/suggesting";
import { isInTableWithMergedCells } from "@/lib/editor/table-suggestion";
import { MODE_LABELS } from "@/components/suggestions/modes";

/** The Editing / Suggesting / Viewing switch and what it offers this person. */
export type ModeControl = { current: EditorMode; allowed: EditorMode[]; isNegotiation: boolean; onChange: (mode: EditorMode) => void };

type BlockStyle = "paragraph" | "title" | "article" | "heading" | "subheading";

export const BLOCK_STYLES: { value: BlockStyle; label: string; shortcut: string }[] = [
  { value: "paragraph", label: "Body text", shortcut: "Mod+Alt+0" },
  { value: "title", label: "Title", shortcut: "Mod+Alt+1" },
  { value: "article", label: "Article heading (numbered)", shortcut: "Mod+Alt+A" },
  { value: "heading", label: "Heading (not numbered)", shortcut: "Mod+Alt+2" },
  { value: "subheading", label: "Subheading", shortcut: "Mod+Alt+3" },
];

/** Shortcut text for the person's keyboard: ⌘ on Apple devices, Ctrl elsewhere. */
export function shortcutLabel(shortcut: string, isApple: boolean): string {
  return shortcut
    .replace("Mod", isApple ? "⌘" : "Ctrl")
    .replace("Alt", isApple ? "⌥" : "Alt")
    .replace("Shift", isApple ? "⇧" : "Shift");
}

function blockStyleOf(editor: Editor): BlockStyle {
  if (editor.isActive("heading", { level: 1 })) return "title";
  if (editor.isActive("heading", { level: 2 })) return editor.getAttributes("heading").article ? "article" : "heading";
  if (editor.isActive("heading", { level: 3 })) return "subheading";
  return "paragraph";
}

function applyBlockStyle(editor: Editor, style: BlockStyle) {
  const chain = editor.chain().focus();
  if (style === "paragraph") chain.setParagraph().run();
  else if (style === "title") chain.setNode("heading", { level: 1, article: false }).run();
  else if (style === "article") chain.setArticleHeading().run();
  else if (style === "heading") chain.setNode("heading", { level: 2, article: false }).run();
  else chain.setNode("heading", { level: 3, article: false }).run();
}

/**
 * The formatting toolbar: arrow keys move between its controls (WAI-ARIA toolbar pattern); every
 * button says what it does and its shortcut, and toggles report aria-pressed.
 */
export function EditorToolbar({ mode, editor, isApple, isLinkFormOpen, onLinkFormOpenChange, onNoteInserted }: {
  mode: ModeControl;
  editor: Editor;
  isApple: boolean;
  isLinkFormOpen: boolean;
  onLinkFormOpenChange: (isOpen: boolean) => void;
  onNoteInserted: () => void;
}) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      blockStyle: blockStyleOf(current),
      isBold: current.isActive("bold"),
      isItalic: current.isActive("italic"),
      isUnderline: current.isActive("underline"),
      isLink: current.isActive("link"),
      linkHref: String(current.getAttributes("link").href ?? ""),
      isNumberedParagraph: current.isActive("paragraph", { numbered: true }),
      isBulletList: current.isActive("bulletList"),
      isOrderedList: current.isActive("orderedList"),
      isInTable: current.isActive("table"),
      isInTableWithMergedCells: isInTableWithMergedCells(current.state.selection.$from),
      canUndo: current.can().undo(),
      canRedo: current.can().redo(),
      canNumberParagraph: current.isActive("paragraph"),
    }),
  });
  const styleId = useId();
  const label = (shortcut: string) => shortcutLabel(shortcut, isApple);

  function handleToolbarKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft" && event.key !== "Home" && event.key !== "End") return;
    const target = event.target as HTMLElement;
    if (target.tagName === "SELECT" || target.tagName === "INPUT") return;
    const controls = [...event.currentTarget.querySelectorAll<HTMLElement>("[data-toolbar-item]:not(:disabled)")];
    const index = controls.indexOf(target);
    if (index < 0) return;
    event.preventDefault();
    const next =
      event.key === "Home" ? 0 : event.key === "End" ? controls.length - 1 : (index + (event.key === "ArrowRight" ? 1 : -1) + controls.length) % controls.length;
    controls[next]?.focus();
  }

  const isEditing = mode.current === "editing";
  // In Suggesting mode a paragraph's style, numbering and list become block suggestions, bold, italic,
  // underline and links formatting suggestions, a new note a suggested note and tables, rows and columns
  // table suggestions; a column through merged cells cannot be suggested, so there its buttons say so and do nothing.
  const isSuggesting = mode.current === "suggesting";
  const columnsNotSuggested = isSuggesting && state.isInTableWithMergedCells ? COLUMNS_NOT_SUGGESTED : undefined;
  return (
    <div className={`editor-toolbar-wrap editor-toolbar-wrap--${mode.current}`}>
      <ModeSwitch mode={mode} isApple={isApple} />
      <div className="editor-toolbar" role="toolbar" aria-label="Formatting" aria-controls="document-body" onKeyDown={handleToolbarKeyDown}>
        <ToolGroup>
          <ToolButton label="Undo your last change" shortcut={label("Mod+Z")} disabled={!state.canUndo} onClick={() => editor.chain().focus().undo().run()}>
            <Icon name="undo" />
          </ToolButton>
          <ToolButton label="Redo" shortcut={label("Mod+Shift+Z")} disabled={!state.canRedo} onClick={() => editor.chain().focus().redo().run()}>
            <Icon name="redo" />
          </ToolButton>
        </ToolGroup>
        {(isEditing || isSuggesting) && (
          <>
        <ToolGroup>
          <label htmlFor={styleId} className="visually-hidden">Text style</label>
          <select
            id={styleId}
            className="editor-toolbar__select"
            data-toolbar-item
            value={state.blockStyle}
            title="Text style"
            onChange={(event) => applyBlockStyle(editor, event.target.value as BlockStyle)}
          >
            {BLOCK_STYLES.map((style) => (
              <option key={style.value} value={style.value}>
                {style.label}
              </option>
            ))}
          </select>
        </ToolGroup>
        <ToolGroup>
          <ToolButton label="Bold" shortcut={label("Mod+B")} isPressed={state.isBold} onClick={() => editor.chain().focus().toggleBold().run()}>
            <Icon name="bold" />
          </ToolButton>
          <ToolButton label="Italic" shortcut={label("Mod+I")} isPressed={state.isItalic} onClick={() => editor.chain().focus().toggleItalic().run()}>
            <Icon name="italic" />
          </ToolButton>
          <ToolButton label="Underline" shortcut={label("Mod+U")} isPressed={state.isUnderline} onClick={() => editor.chain().focus().toggleUnderline().run()}>
            <Icon name="underline" />
          </ToolButton>
          <ToolButton
            label={state.isLink ? "Edit link" : "Add link"}
            shortcut={label("Mod+K")}
            isPressed={state.isLink}
            aria-expanded={isLinkFormOpen}
            onClick={() => onLinkFormOpenChange(!isLinkFormOpen)}
          >
            <Icon name="link" />
          </ToolButton>
        </ToolGroup>
        <ToolGroup>
          <ToolButton
            label="Numbered paragraph"
            shortcut={label("Mod+Alt+P")}
            isPressed={state.isNumberedParagraph}
            disabled={!state.canNumberParagraph}
            onClick={() => editor.chain().focus().toggleNumberedParagraph().run()}
          >
            <Icon name="numbered-paragraph" />
          </ToolButton>
          <ToolButton label="Bulleted list" shortcut={label("Mod+Shift+8")} isPressed={state.isBulletList} onClick={() => editor.chain().focus().toggleBulletList().run()}>
            <Icon name="bullets" />
          </ToolButton>
          <ToolButton label="Numbered list" shortcut={label("Mod+Shift+7")} isPressed={state.isOrderedList} onClick={() => editor.chain().focus().toggleOrderedList().run()}>
            <Icon name="numbers" />
          </ToolButton>
        </ToolGroup>
        <ToolGroup>
          <ToolButton
            label="Insert table"
            disabled={state.isInTable}
            onClick={() => (isSuggesting ? insertTableAfterParagraph(editor) : editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
          >
            <Icon name="table" />
          </ToolButton>
          <ToolButton
            label="Insert note"
            shortcut={label("Mod+Alt+F")}
            onClick={() => {
              if (editor.chain().focus().insertNote("").run()) onNoteInserted();
            }}
          >
            <Icon name="note" />
          </ToolButton>
        </ToolGroup>
        {state.isInTable && (isEditing || isSuggesting) && (
          <ToolGroup label="Table">
            <ToolButton label="Add row below" onClick={() => editor.chain().focus().addRowAfter().run()}>
              <span className="editor-toolbar__text">+ Row</span>
            </ToolButton>
            <ToolButton label="Add column to the right" unavailableReason={columnsNotSuggested} onClick={() => editor.chain().focus().addColumnAfter().run()}>
              <span className="editor-toolbar__text">+ Column</span>
            </ToolButton>
            <ToolButton label="Delete row" onClick={() => editor.chain().focus().deleteRow().run()}>
              <span className="editor-toolbar__text">− Row</span>
            </ToolButton>
            <ToolButton label="Delete column" unavailableReason={columnsNotSuggested} onClick={() => editor.chain().focus().deleteColumn().run()}>
              <span className="editor-toolbar__text">− Column</span>
            </ToolButton>
            <ToolButton label="Delete table" onClick={() => editor.chain().focus().deleteTable().run()}>
              <span className="editor-toolbar__text">Delete table</span>
            </ToolButton>
          </ToolGroup>
        )}
          </>
        )}
      </div>
      {isLinkFormOpen && (isEditing || isSuggesting) && (
        <LinkForm
          key={state.linkHref}
          initialHref={state.linkHref}
          hasLink={state.isLink}
          onClose={() => {
            onLinkFormOpenChange(false);
            editor.commands.focus();
          }}
          onApply={(href) => {
            // With nothing selected outside a link, the address itself becomes the linked text.
            if (editor.state.selection.empty && !editor.isActive("link")) {
              editor.chain().focus().insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
            } else {
              editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
            }
          }}
          onRemove={() => editor.chain().focus().extendMarkRange("link").unsetLink().run()}
        />
      )}
    </div>
  );
}

function LinkForm({ initialHref, hasLink, onApply, onRemove, onClose }: {
  initialHref: string;
  hasLink: boolean;
  onApply: (href: string) => void;
  onRemove: () => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(initialHref);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  return (
    <form
      className="editor-link-form"
      aria-label="Link"
      onSubmit={(event) => {
        event.preventDefault();
        const href = normaliseLink(value);
        if (!href) {
          setError("Enter a web address (https://…) or an e-mail address (mailto:…).");
          return;
        }
        onApply(href);
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <label htmlFor={inputId} className="editor-link-form__label">Link address</label>
      <input
        id={inputId}
        className="input editor-link-form__input"
        value={value}
        placeholder="https://www.rcc.int/"
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="button button--primary button--small">Apply</button>
      {hasLink && (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            onRemove();
            onClose();
          }}
        >
          Remove link
        </button>
      )}
      <button type="button" className="button button--ghost button--small" onClick={onClose}>Cancel</button>
      {error && <p id={`${inputId}-error`} className="field__error editor-link-form__error">{error}</p>}
    </form>
  );
}

/** Editing / Suggesting / Viewing as one radio group, with the current mode's consequence spelled out. */
function ModeSwitch({ mode, isApple }: { mode: ModeControl; isApple: boolean }) {
  const hintId = useId();
  return (
    <div className="editor-mode" data-mode={mode.current}>
      <div className="editor-mode__switch" role="radiogroup" aria-label="Mode" aria-describedby={hintId}>
        {mode.allowed.map((option) => {
          const { label, shortcut } = MODE_LABELS[option];
          const isCurrent = option === mode.current;
          return (
            <button
              key={option}
              type="button"
              role="radio"
              aria-checked={isCurrent}
              className={`editor-mode__option${isCurrent ? " editor-mode__option--current" : ""}`}
              title={`${label} (${shortcutLabel(shortcut, isApple)})`}
              aria-keyshortcuts={shortcut.replace("Mod", isApple ? "Meta" : "Control")}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => mode.onChange(option)}
            >
              {label}
            </button>
          );
        })}
      </div>
      <p id={hintId} className="editor-mode__hint">
        {mode.isNegotiation && !mode.allowed.includes("editing") ? "This text is under negotiation. " : ""}
        {MODE_LABELS[mode.current].hint}
      </p>
    </div>
  );
}

function ToolGroup({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <div className="editor-toolbar__group" role="group" aria-label={label}>
      {children}
    </div>
  );
}

const COLUMNS_NOT_SUGGESTED = "not offered in Suggesting mode in a table with merged cells: a suggested column cannot change their spans";

/**
 * Suggesting mode inserts a new table after the paragraph the cursor is in rather than splitting
 * it, so that the change is one whole table (a table suggestion) and the paragraph stays as it is.
 */
function insertTableAfterParagraph(editor: Editor): void {
  editor
    .chain()
    .focus()
    .command(({ tr, state }) => {
      const { $from } = tr.selection;
      const after = $from.parent.isTextblock ? $from.after() : $from.pos;
      tr.insert(after, createTable(state.schema, 3, 3, true));
      return true;
    })
    .run();
}

/** A toolbar button; with `unavailableReason` it is shown disabled and its tooltip says why. */
function ToolButton({ label, shortcut, isPressed, disabled, unavailableReason, onClick, children, ...rest }: {
  label: string;
  shortcut?: string;
  isPressed?: boolean;
  disabled?: boolean;
  unavailableReason?: string;
  onClick: () => void;
  children: ReactNode;
  "aria-expanded"?: boolean;
}) {
  const description = unavailableReason ? `${label}: ${unavailableReason}` : shortcut ? `${label} (${shortcut})` : label;
  return (
    <button
      type="button"
      className="editor-toolbar__button"
      data-toolbar-item
      aria-label={label}
      aria-keyshortcuts={shortcut?.replace("⌘", "Meta").replace("⌥", "Alt").replace("⇧", "Shift")}
      aria-pressed={isPressed}
      disabled={disabled || Boolean(unavailableReason)}
      title={unavailableReason ? description : undefined}
      // Keep the editor's selection: the toolbar acts on it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      {...rest}
    >
      {children}
      <span className="editor-toolbar__tooltip" aria-hidden="true">{description}</span>
    </button>
  );
}

const ICONS: Record<string, ReactNode> = {
  undo: <path d="M9 7H4V2M4 7c2-2.5 4.7-4 8-4a8 8 0 1 1-7.6 10.5" />,
  redo: <path d="M15 7h5V2m0 5c-2-2.5-4.7-4-8-4a8 8 0 1 0 7.6 10.5" />,
  bold: <path d="M7 4h6a4 4 0 0 1 0 8H7zM7 12h7a4 4 0 0 1 0 8H7z" />,
  italic: <path d="M14 4h-4m4 16h-4M15 4 9 20" />,
  underline: <path d="M7 4v7a5 5 0 0 0 10 0V4M5 21h14" />,
  link: <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />,
  "numbered-paragraph": <path d="M4 5h2v5M4 10h4M11 6h9M11 12h9M4 18h16" />,
  bullets: <path d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />,
  numbers: <path d="M10 6h10M10 12h10M10 18h10M4 4h1v4M4 8h2M4 14h2l-2 3h2" />,
  table: <path d="M3 5h18v14H3zM3 10h18M3 15h18M9 5v14M15 5v14" />,
  note: <path d="M5 4h14v16H5zM9 9h6M9 13h6M9 17h3" />,
};

function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="editor-toolbar__icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {ICONS[name]}
    </svg>
  );
}
