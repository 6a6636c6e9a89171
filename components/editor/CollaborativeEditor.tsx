"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { EditorContent, Extension, useEditor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { CollaborationSession, type EditorUser, type LastEdit, type SessionSnapshot } from "@/components/editor/collaboration-session";
import { isForgettingDeviceCopies } from "@/components/editor/device-copies";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDateTime } from "@/components/ui/dates";
import { DOCUMENT_FIELD, documentExtensions } from "@/lib/editor/extensions";
import { Suggesting, type EditorMode } from "@/lib/editor/suggesting";
import { SuggestionsPanel } from "@/components/suggestions/SuggestionsPanel";
import { MODE_SHORTCUTS, allowedModes } from "@/components/suggestions/modes";
import { EditorToolbar } from "@/components/editor/EditorToolbar";
import { NotesPanel } from "@/components/editor/NotesPanel";
import { PresenceList } from "@/components/editor/PresenceList";
import { SaveStatus } from "@/components/editor/SaveStatus";
import { LiveUpdatesNotice } from "@/components/editor/LiveUpdatesNotice";
import { ShortcutsHelp } from "@/components/editor/ShortcutsHelp";
import { SkipToText } from "@/components/editor/SkipToText";
import { CaretLabelPlacement, economyOf, renderRemoteCaret, renderRemoteSelection } from "@/components/editor/presence-style";
import { CommentsPanel } from "@/components/comments/CommentsPanel";
import type { Person } from "@/components/comments/CommentComposer";
import "@/components/editor/document-text.css";
import "@/components/editor/editor.css";

type Props = {
  documentId: string;
  /** The document's title, as signing out names a document whose edits have not reached the server. */
  title: string;
  user: EditorUser;
  /** Decided on the server by the policy (`document.edit`); the collaboration server enforces the same. */
  canEdit: boolean;
  /** The page's header (kind of document, title), shown beside the live save state. */
  header: ReactNode;
  /** The last stored edit when the page was rendered; kept current as edits arrive. */
  lastEdit: LastEdit | null;
  /** The opening of the document as last stored, rendered on the server (whether that is all of it): shown until the live copy arrives. */
  storedCopy: { html: string; isWhole: boolean };
  /** Comments beside the text: whether this person may start threads (`thread.create`), and whom they may mention. */
  comments: { canComment: boolean; people: Person[] };
  /**
   * Suggesting mode: whether this person may suggest (`suggestion.create`) and decide on
   * suggestions (`suggestion.decide`), and whether the document is under negotiation (then
   * `canEdit` is false for delegates and the server accepts only their own suggestions).
   */
  suggestions: { canSuggest: boolean; canDecide: boolean; isNegotiation: boolean };
};

const subscribeNothing = () => () => {};

/**
 * A document open for co-editing: the live text bound to the collaboration server, the people
 * present, and an honest save state. Observers get the same live text with no editable surface.
 */
export function CollaborativeEditor({ documentId, title, user, canEdit, header, lastEdit, storedCopy, comments, suggestions }: Props) {
  const [session, setSession] = useState<CollaborationSession | null>(null);
  // A change the server refused stays in the local Yjs document, and Yjs would send it (and all
  // later changes) again: start over from the server's text, with a fresh session.
  const [generation, setGeneration] = useState(0);
  const [refusedChange, setRefusedChange] = useState<string | null>(null);
  const canWrite = canEdit || suggestions.canSuggest;
  const { id: userId, name: userName, organisationCode } = user;
  // Only the first render's value seeds the session; later server renders must not reset what the page has seen.
  const initialLastEdit = useRef(lastEdit);
  // Likewise the title: a rename must not restart the session (the unsent mark keeps the title it was opened with).
  const initialTitle = useRef(title);

  useEffect(() => {
    const created = new CollaborationSession({ documentId, title: initialTitle.current, user: { id: userId, name: userName, organisationCode }, canEdit: canWrite, lastEdit: initialLastEdit.current });
    // The session needs the browser (websocket, IndexedDB), so it can only be created after mounting.
    setSession(created);
    return () => created.destroy();
  }, [documentId, userId, userName, organisationCode, canWrite, generation]);

  return session ? (
    <LiveDocument
      key={`${documentId}:${generation}`}
      suggestions={suggestions}
      refusedChange={refusedChange}
      onChangeRefused={(reason) => {
        setRefusedChange(reason);
        void session.discardDeviceCopy().finally(() => setGeneration((count) => count + 1));
      }}
      documentId={documentId}
      session={session}
      user={user}
      canEdit={canEdit}
      header={header}
      storedCopy={storedCopy}
      comments={comments}
    />
  ) : (
    <DocumentFrame
      header={header}
      meta={<LastEditLine lastEdit={lastEdit} canEdit={canEdit} />}
      status={<SaveStatus state="connecting" canEdit={canEdit} />}
      toolbar={canEdit ? <div className="editor-toolbar-wrap editor-toolbar-wrap--placeholder" aria-hidden="true" /> : null}
      aside={<PresenceList participants={[]} />}
      canEdit={canEdit}
    >
      <StoredCopy {...storedCopy} />
    </DocumentFrame>
  );
}

function LiveDocument({ documentId, session, user, canEdit, header, storedCopy, comments, suggestions, refusedChange, onChangeRefused }: {
  session: CollaborationSession;
  refusedChange: string | null;
  onChangeRefused: (reason: string) => void;
} & Omit<Props, "lastEdit" | "title">) {
  const snapshot: SessionSnapshot = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  const isApple = useSyncExternalStore(subscribeNothing, () => /Mac|iPhone|iPad/.test(navigator.platform), () => false);
  const [isLinkFormOpen, setLinkFormOpen] = useState(false);
  const [noteFocusRequest, setNoteFocusRequest] = useState(0);
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const showAside = useCallback(() => setDrawerOpen(true), []);
  // State setters are stable, so the editor's shortcuts (created once per editor) may call them.
  const requestNoteFocus = () => setNoteFocusRequest((count) => count + 1);
  // The server has the last word: after a role change it may grant less than the page was rendered with.
  const isWritable = (canEdit || suggestions.canSuggest) && !snapshot.refusal && !snapshot.isReadOnlyOnServer;
  const modes = useMemo(() => allowedModes({ canEdit, canSuggest: suggestions.canSuggest }), [canEdit, suggestions.canSuggest]);
  const [mode, setMode] = useState<EditorMode>(modes[0] ?? "viewing");
  const isEditable = isWritable && mode !== "viewing";

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: isEditable,
      extensions: [
        ...documentExtensions(),
        Suggesting.configure({
          author: { id: user.id, name: user.name, organisationCode: user.organisationCode },
          // The editor is created again when access changes; it starts in the mode the person was in.
          initialMode: isWritable ? mode : "viewing",
          onModeChange: setMode,
        }),
        Collaboration.configure({ document: session.doc, field: DOCUMENT_FIELD }),
        CollaborationCaret.configure({
          provider: session.provider,
          // The server replaces this with the identity of the signed-in session.
          user: { ...user, colour: economyOf(user.organisationCode).colour },
          render: renderRemoteCaret,
          selectionRender: renderRemoteSelection,
        }),
        CaretLabelPlacement,
        Extension.create({
          name: "accordShortcuts",
          addKeyboardShortcuts: () => ({
            "Mod-k": () => {
              setLinkFormOpen(true);
              return true;
            },
            "Mod-Alt-f": ({ editor: current }) => {
              if (!current.isEditable || !current.commands.insertNote("")) return false;
              setNoteFocusRequest((count) => count + 1);
              return true;
            },
          }),
        }),
      ],
      editorProps: {
        attributes: {
          id: "document-body",
          class: "document-body",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": "Document text",
          // Read-only text is still a stop for the keyboard, so the skip link and Tab can reach it.
          ...(isEditable ? {} : { "aria-readonly": "true", tabindex: "0" }),
        },
      },
    },
    [session, isWritable],
  );

  const hasReportedRefusal = useRef(false);
  useEffect(() => {
    if (!snapshot.updateRefusal || hasReportedRefusal.current) return;
    hasReportedRefusal.current = true;
    onChangeRefused(snapshot.updateRefusal);
  }, [snapshot.updateRefusal, onChangeRefused]);

  useEffect(() => {
    if (!editor || !isWritable) return;
    // Works in Viewing mode too, when the text itself does not take keys.
    const handleKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.altKey || !event.shiftKey) return;
      const chosen = MODE_SHORTCUTS[event.code];
      if (!chosen || !modes.includes(chosen)) return;
      event.preventDefault();
      editor.commands.setEditorMode(chosen);
    };
    window.addEventListener("keydown", handleKeyDown);
    return () => window.removeEventListener("keydown", handleKeyDown);
  }, [editor, isWritable, modes]);

  useEffect(() => {
    if (!snapshot.hasUnsavedChanges) return;
    // Closing the tab now would leave edits only on this device: ask first.
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      // Signing out asked already, and is deleting that copy.
      if (isForgettingDeviceCopies()) return;
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", handleBeforeUnload);
    return () => window.removeEventListener("beforeunload", handleBeforeUnload);
  }, [snapshot.hasUnsavedChanges]);

  const isReady = Boolean(editor) && snapshot.hasLoaded;
  return (
    <DocumentFrame
      header={header}
      meta={<LastEditLine lastEdit={snapshot.lastEdit} canEdit={isWritable} />}
      status={<SaveStatus state={snapshot.saveState} canEdit={isWritable} />}
      toolbar={
        isWritable ? (
          editor && isReady ? (
            <EditorToolbar
              mode={{ current: mode, allowed: modes, isNegotiation: suggestions.isNegotiation, onChange: (next) => editor.commands.setEditorMode(next) }}
              editor={editor}
              isApple={isApple}
              isLinkFormOpen={isLinkFormOpen}
              onLinkFormOpenChange={setLinkFormOpen}
              onNoteInserted={requestNoteFocus}
            />
          ) : (
            <div className="editor-toolbar-wrap editor-toolbar-wrap--placeholder" aria-hidden="true" />
          )
        ) : null
      }
      aside={
        <>
          <PresenceList participants={snapshot.participants} />
          <CommentsPanel
            editor={editor && isReady ? editor : null}
            loadingEditor={editor}
            documentId={documentId}
            viewer={user}
            canComment={comments.canComment && isWritable}
            people={comments.people}
            isSaved={() => session.getSnapshot().saveState === "saved"}
            onShow={showAside}
          />
          <SuggestionsPanel
            editor={editor && isReady ? editor : null}
            documentId={documentId}
            viewer={user}
            canDecide={suggestions.canDecide && isWritable}
            canWithdraw={isWritable}
          />
          {isWritable && <ShortcutsHelp isApple={isApple} />}
        </>
      }
      notice={
        refusedChange && !snapshot.refusal ? (
          <div className="alert alert--error" role="alert" data-testid="change-refused">
            Your change was not accepted: {refusedChange} The text has been reloaded from the server.
          </div>
        ) : snapshot.refusal ? (
          <div className="alert alert--error" role="alert">
            {snapshot.refusal.message}
            {snapshot.refusal.needsSignIn && (
              <>
                {" "}
                <a href="/login">Sign in</a>
              </>
            )}
          </div>
        ) : (
          <LiveUpdatesNotice provider={session.provider} />
        )
      }
      canEdit={isWritable}
      drawer={{ isOpen: isDrawerOpen, onOpenChange: setDrawerOpen }}
      notes={editor && isReady ? <NotesPanel editor={editor} canEdit={isEditable && mode === "editing"} suggester={isEditable && mode === "suggesting" ? { id: user.id, organisationCode: user.organisationCode } : null} focusRequest={noteFocusRequest} awareness={isEditable ? session.provider.awareness : null} /> : null}
    >
      {editor && isReady && <SkipToText onSkip={() => editor.chain().focus().scrollIntoView().run()} />}
      {/* The editor stays mounted (hidden) while loading so it is bound before content arrives. */}
      <div hidden={!isReady}>
        <EditorContent editor={editor} />
      </div>
      {!isReady && <StoredCopy {...storedCopy} />}
    </DocumentFrame>
  );
}

function DocumentFrame({ header, meta, status, toolbar, aside, notice, canEdit, notes, drawer, children }: {
  header: ReactNode;
  meta: ReactNode;
  status: ReactNode;
  toolbar: ReactNode;
  aside: ReactNode;
  notice?: ReactNode;
  canEdit: boolean;
  notes?: ReactNode;
  /** On narrow screens the people and comments are a drawer over the text, opened with one tap. */
  drawer?: { isOpen: boolean; onOpenChange: (isOpen: boolean) => void };
  children: ReactNode;
}) {
  const toggleRef = useRef<HTMLButtonElement>(null);
  const asideRef = useRef<HTMLElement>(null);
  const isDrawerOpen = drawer?.isOpen ?? false;
  const onDrawerOpenChange = drawer?.onOpenChange;
  // The drawer slides only when opened or closed, never when the window narrows across the breakpoint
  // (the side column would slide off the screen): only "closing" carries the slide-out.
  const [isDrawerClosing, setDrawerClosing] = useState(false);
  const [wasDrawerOpen, setWasDrawerOpen] = useState(isDrawerOpen);
  if (wasDrawerOpen !== isDrawerOpen) {
    setWasDrawerOpen(isDrawerOpen);
    setDrawerClosing(!isDrawerOpen);
  }

  useEffect(() => {
    if (!isDrawerOpen || !onDrawerOpenChange) return;
    // Opened by the toggle, the keyboard moves into the drawer; Escape closes it and returns to the toggle.
    if (asideRef.current && !asideRef.current.contains(document.activeElement)) asideRef.current.querySelector<HTMLElement>(".document-drawer__close")?.focus();
    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      onDrawerOpenChange(false);
      toggleRef.current?.focus();
    };
    document.addEventListener("keydown", handleKeyDown);
    return () => document.removeEventListener("keydown", handleKeyDown);
  }, [isDrawerOpen, onDrawerOpenChange]);

  return (
    <div className="document-workspace" data-editable={canEdit ? "true" : "false"}>
      <div className="document-workspace__header">
        <div className="document-header">
          {header}
          {meta}
        </div>
        {status}
      </div>
      {notice}
      {!canEdit && (
        <p className="document-workspace__observer-note">
          You are following this document as it is drafted. Edits by the delegations appear here as they are made.
        </p>
      )}
      <div className="document-workspace__body">
        <div className="document-workspace__main">
          {toolbar}
          <div className="document-sheet">
            {children}
            {notes}
          </div>
        </div>
        {drawer && (
          <button
            type="button"
            ref={toggleRef}
            className="document-drawer__toggle button button--primary"
            aria-expanded={isDrawerOpen}
            aria-controls="document-aside"
            onClick={() => drawer.onOpenChange(!isDrawerOpen)}
          >
            Comments
          </button>
        )}
        <aside
          id="document-aside"
          ref={asideRef}
          className="document-workspace__aside"
          aria-label="People, comments and help"
          data-drawer-open={drawer ? (isDrawerOpen ? "true" : isDrawerClosing ? "closing" : "false") : undefined}
          onTransitionEnd={(event) => {
            if (event.target === event.currentTarget && event.propertyName === "transform") setDrawerClosing(false);
          }}
        >
          {drawer && (
            <button
              type="button"
              className="document-drawer__close button button--small"
              onClick={() => {
                drawer.onOpenChange(false);
                toggleRef.current?.focus();
              }}
            >
              Close<span className="visually-hidden"> comments</span>
            </button>
          )}
          {aside}
        </aside>
      </div>
    </div>
  );
}

/** When the document was last changed and by whom, kept current while the page is open. */
function LastEditLine({ lastEdit, canEdit }: { lastEdit: LastEdit | null; canEdit: boolean }) {
  return (
    <p className="document-header__meta" data-testid="last-edit">
      {lastEdit ? (
        <>
          Last edited {formatDateTime(lastEdit.at)}
          {lastEdit.name && (
            <>
              {" "}by {lastEdit.name}
              {economyOf(lastEdit.organisationCode).label && <EconomyBadge code={lastEdit.organisationCode!} isShort />}
            </>
          )}
        </>
      ) : (
        "Not edited yet"
      )}
      {!canEdit && <span className="badge badge--info">Read only</span>}
    </p>
  );
}

/** The stored text, read-only, while the live copy loads (no blank page, no layout jump). */
function StoredCopy({ html, isWhole }: { html: string; isWhole: boolean }) {
  return (
    <div aria-busy="true">
      <div className="document-body document-body--stored" dangerouslySetInnerHTML={{ __html: html }} />
      {!isWhole && <p className="document-rest-loading">Loading the rest of the text…</p>}
    </div>
  );
}
