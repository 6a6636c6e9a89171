"use client";

import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useEditorState, type Editor } from "@tiptap/react";
import { BubbleMenu } from "@tiptap/react/menus";
import {
  COMMENT_MARK,
  commentHighlightsKey,
  findCommentRanges,
  rememberPassage,
  resolvePassage,
  type CommentHighlights,
  type PendingPassage,
} from "@/lib/editor/comment-mark";
import { CommentComposer, type Person } from "@/components/comments/CommentComposer";
import { CommentRequestError, commentsApi } from "@/components/comments/comments-client";
import { EconomySummary } from "@/components/comments/EconomySummary";
import { KIND_CHOICE_LABEL, KIND_LABEL, STATUS_LABEL } from "@/components/comments/labels";
import { ThreadCard, type ThreadEntry } from "@/components/comments/ThreadCard";
import { placeThreadCards } from "@/components/comments/thread-layout";
import { useDiscussion } from "@/components/comments/use-discussion";
import { getOrganisation, ORGANISATIONS } from "@/lib/organisations/catalogue";
import { THREAD_KINDS, THREAD_STATUSES, type ThreadKind } from "@/lib/comments/thread-view";
import "@/components/comments/comments.css";

type Ranges = Map<string, { from: number; to: number }[]>;
type Filters = { economy: string; kind: string; status: string; author: string; sort: "position" | "date" };
type Pending = { passage: PendingPassage; quote: string };

const NO_RANGES: Ranges = new Map();
const NO_FILTERS: Filters = { economy: "", kind: "", status: "", author: "", sort: "position" };
// Matches the server (lib/comments/find-threads.ts): a new thread's mark may still be on its way.
const ANCHOR_GRACE_MILLISECONDS = 30_000;
const SAVE_WAIT_MILLISECONDS = 10_000;

const rangesKey = (ranges: Ranges) => [...ranges].map(([id, list]) => `${id}:${list.map((range) => `${range.from}-${range.to}`).join(",")}`).join(";");

const prefersReducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

// Wide enough for threads beside their passages (components/comments/comments.css uses the same width).
const ALIGNED_QUERY = "(min-width: 1200px)";
const subscribeToWidth = (onChange: () => void) => {
  const query = window.matchMedia(ALIGNED_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};
const CARD_GAP = 12;
const PENDING_CARD = "new-comment";
type Layout = { tops: Record<string, number>; height: number };
const sameLayout = (a: Layout | null, b: Layout | null) =>
  a === b || (!!a && !!b && a.height === b.height && Object.keys(a.tops).length === Object.keys(b.tops).length && Object.entries(a.tops).every(([id, top]) => b.tops[id] === top));

/**
 * The comments beside a document: the per-economy summary, filters, every thread with its
 * conversation, and, for those who may comment, the form for a new thread on the selected
 * passage. It keeps the editor's highlights in step with the threads' statuses.
 */
export function CommentsPanel({
  editor,
  loadingEditor,
  documentId,
  viewer,
  canComment,
  people,
  isSaved,
  onShow,
}: {
  /** The live editor once its content has loaded; null before. */
  editor: Editor | null;
  /**
   * The same editor from its creation, while its content is still loading, for the selection's
   * "Comment" menu only: the menu registers a ProseMirror plugin, and y-prosemirror rebuilds the
   * whole document whenever plugins change, so the menu is registered while the document is empty.
   */
  loadingEditor: Editor | null;
  documentId: string;
  viewer: Person;
  /** From the policy (`thread.create`), and only while this person's editor is editable. */
  canComment: boolean;
  people: Person[];
  /** Whether every local edit is stored on the server (the editor's save state). */
  isSaved: () => boolean;
  /** Brings the panel on screen where it is a drawer (narrow screens): a comment is being started or a thread was chosen in the text. */
  onShow?: () => void;
}) {
  // Once the editor holds the live document, anchors are read from it, not placed by the server.
  const discussion = useDiscussion(documentId, { placesAnchors: editor !== null });
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const listRef = useRef<HTMLOListElement>(null);
  const pendingRef = useRef<Pending | null>(null);
  const filterId = useId();

  const ranges: Ranges = useEditorState({
    editor,
    selector: ({ editor: current }) => (current ? findCommentRanges(current.state.doc) : NO_RANGES),
    equalityFn: (a, b) => (a && b ? rangesKey(a) === rangesKey(b) : a === b),
  }) ?? NO_RANGES;

  // Threads without a passage become "detached" once the grace period passes, even if nothing else changes.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(timer);
  }, []);

  // Threads whose passage this page has seen: once it is gone from the text, they are detached at once.
  const [seenAnchored, setSeenAnchored] = useState<ReadonlySet<string>>(() => new Set());
  if ([...ranges.keys()].some((threadId) => !seenAnchored.has(threadId))) setSeenAnchored(new Set([...seenAnchored, ...ranges.keys()]));

  const threads: ThreadEntry[] = useMemo(
    () =>
      discussion.threads.map((thread) => {
        const isAwaitingAnchor = !seenAnchored.has(thread.id) && now - Date.parse(thread.createdAt) < ANCHOR_GRACE_MILLISECONDS;
        return { ...thread, isDetachedNow: editor ? !ranges.has(thread.id) && !isAwaitingAnchor : thread.isDetached };
      }),
    [discussion.threads, editor, ranges, now, seenAnchored],
  );

  const visible = useMemo(() => {
    const positionOf = (thread: (typeof threads)[number]) =>
      ranges.get(thread.id)?.[0]?.from ?? (editor ? null : discussion.threads.find((item) => item.id === thread.id)?.position ?? null);
    const filtered = threads.filter(
      (thread) =>
        (!filters.economy || thread.organisationCode === filters.economy) &&
        (!filters.kind || thread.kind === filters.kind) &&
        (!filters.status || thread.status === filters.status) &&
        (!filters.author || thread.author.id === filters.author),
    );
    if (filters.sort === "date") return filtered.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    return filtered
      .map((thread) => ({ thread, position: positionOf(thread) }))
      .sort((a, b) => (a.position === null ? 1 : 0) - (b.position === null ? 1 : 0) || (a.position ?? 0) - (b.position ?? 0))
      .map(({ thread }) => thread);
  }, [threads, filters, ranges, editor, discussion.threads]);

  // On wide screens threads sit beside their passages; sorted by date they are a plain list.
  const isWide = useSyncExternalStore(subscribeToWidth, () => window.matchMedia(ALIGNED_QUERY).matches, () => false);
  const isAligned = isWide && Boolean(editor) && filters.sort === "position";
  const [layout, setLayout] = useState<Layout | null>(null);

  const placeCards = useCallback(() => {
    const list = listRef.current;
    if (!isAligned || !editor || editor.isDestroyed || !list) return;
    const listTop = list.getBoundingClientRect().top;
    const passages = findCommentRanges(editor.state.doc);
    const pendingPassage = pending ? resolvePassage(editor.state, pending.passage) : null;
    const cards = [...list.querySelectorAll<HTMLElement>(":scope > .thread-card")].map((card) => {
      const isPending = card.dataset.pendingThread === "true";
      const from = isPending ? pendingPassage?.from : passages.get(card.dataset.threadId ?? "")?.[0]?.from;
      return { id: isPending ? PENDING_CARD : (card.dataset.threadId ?? ""), height: card.offsetHeight, desiredTop: from === undefined ? null : editor.view.coordsAtPos(from).top - listTop };
    });
    // The comment being written sits exactly beside its passage; otherwise the thread in focus does.
    const next = placeThreadCards(cards, pendingPassage ? PENDING_CARD : activeThreadId, CARD_GAP);
    setLayout((previous) => (sameLayout(previous, next) ? previous : next));
  }, [isAligned, editor, activeThreadId, pending]);

  // A card not measured yet stays invisible (but focusable, for the new comment's box) until it has its place.
  const cardPosition = (id: string) => (isAligned ? (layout?.tops[id] === undefined ? { top: 0, opacity: 0 } : { top: layout.tops[id] }) : undefined);

  // Place the cards before the browser paints, then again whenever a card, the text or the window changes size.
  useLayoutEffect(placeCards, [placeCards, visible, ranges]);
  useEffect(() => {
    const list = listRef.current;
    if (!isAligned || !editor || !list) return;
    const observer = new ResizeObserver(placeCards);
    observer.observe(editor.view.dom);
    observer.observe(list);
    list.querySelectorAll(":scope > .thread-card").forEach((card) => observer.observe(card));
    if (list.parentElement) observer.observe(list.parentElement);
    editor.on("update", placeCards);
    void document.fonts.ready.then(placeCards);
    return () => {
      observer.disconnect();
      editor.off("update", placeCards);
    };
  }, [isAligned, editor, placeCards, visible]);

  /** Brings a thread forward: in focus in the panel and in view; focused for the keyboard when asked. */
  const focusThread = useCallback((threadId: string, { moveFocus }: { moveFocus: boolean }) => {
    setActiveThreadId(threadId);
    const card = listRef.current?.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(threadId)}"]`);
    if (!card) return;
    // After the next paint: a drawer opened for this thread must be on screen before its card can take focus.
    requestAnimationFrame(() => {
      card.scrollIntoView({ block: "nearest", behavior: prefersReducedMotion() ? "auto" : "smooth" });
      if (moveFocus) card.focus({ preventScroll: true });
    });
  }, []);

  const authors = useMemo(() => {
    const byId = new Map(discussion.threads.map((thread) => [thread.author.id, thread.author]));
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [discussion.threads]);

  // The editor highlights passages by their thread's status, the thread in focus and the passage being commented.
  useEffect(() => {
    pendingRef.current = pending;
    if (!editor || editor.isDestroyed) return;
    const highlights: CommentHighlights = {
      threads: Object.fromEntries(discussion.threads.map((thread) => [thread.id, { status: thread.status, organisationCode: thread.organisationCode }])),
      activeThreadId,
      pending: pending?.passage ?? null,
    };
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, highlights).setMeta("addToHistory", false));
  }, [editor, discussion.threads, activeThreadId, pending]);

  // A link from a notification (…?thread=<id>) opens the page on that thread and its passage, once both have loaded
  // (a thread whose passage is gone is shown as soon as the thread is there).
  const linkedThreadRef = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    linkedThreadRef.current ??= new URLSearchParams(window.location.search).get("thread");
    const linked = linkedThreadRef.current;
    const thread = linked ? threads.find((candidate) => candidate.id === linked) : undefined;
    if (!linked || !thread) return;
    const range = ranges.get(linked)?.[0];
    if (editor && !range && !thread.isDetachedNow) return;
    linkedThreadRef.current = null;
    setActiveThreadId(linked);
    if (editor && range) {
      const coordinates = editor.view.coordsAtPos(range.from);
      window.scrollTo({ top: window.scrollY + coordinates.top - window.innerHeight / 3 });
    }
    focusThread(linked, { moveFocus: false });
  }, [threads, ranges, editor, focusThread]);

  // Moving the caret into a commented passage brings its thread forward in the panel. Clicking a highlight does too,
  // and where the text cannot be edited (so there is no caret to keep) the keyboard moves to the thread.
  useEffect(() => {
    if (!editor) return;
    const handleSelection = () => {
      const position = editor.state.selection.from;
      const found = [...findCommentRanges(editor.state.doc)].find(([, list]) => list.some((range) => range.from <= position && position < range.to));
      if (found) focusThread(found[0], { moveFocus: false });
    };
    const handleClick = (event: MouseEvent) => {
      const highlight = event.target instanceof Element ? event.target.closest("[data-comment-thread]") : null;
      const threadId = highlight?.getAttribute("data-comment-thread");
      if (!threadId) return;
      // Where the text cannot be edited a tap on a highlight can only mean "show me the thread", drawer or not.
      if (!editor.isEditable) onShow?.();
      focusThread(threadId, { moveFocus: !editor.isEditable });
    };
    editor.on("selectionUpdate", handleSelection);
    editor.view.dom.addEventListener("click", handleClick);
    return () => {
      editor.off("selectionUpdate", handleSelection);
      editor.view.dom.removeEventListener("click", handleClick);
    };
  }, [editor, focusThread, onShow]);

  const startComment = useCallback(() => {
    if (!editor || !canComment) return false;
    const { from, to, empty } = editor.state.selection;
    if (empty) return false;
    const passage = rememberPassage(editor.state, from, to);
    if (!passage) return false;
    setPending({ passage, quote: editor.state.doc.textBetween(from, to, "\n", " ") });
    setNotice(null);
    onShow?.();
    return true;
  }, [editor, canComment, onShow]);

  // Ctrl+Alt+M (⌘⌥M) comments on the selection, as in other editors.
  useEffect(() => {
    if (!editor || !canComment) return;
    const dom = editor.view.dom;
    const handleKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.altKey && event.code === "KeyM" && startComment()) event.preventDefault();
    };
    dom.addEventListener("keydown", handleKeyDown);
    return () => dom.removeEventListener("keydown", handleKeyDown);
  }, [editor, canComment, startComment]);

  function showPassage(threadId: string) {
    setActiveThreadId(threadId);
    const range = ranges.get(threadId)?.[0];
    if (!editor || !range) return;
    const coordinates = editor.view.coordsAtPos(range.from);
    window.scrollTo({ top: window.scrollY + coordinates.top - window.innerHeight / 3, behavior: prefersReducedMotion() ? "auto" : "smooth" });
  }

  function markPassage(threadId: string, passage: PendingPassage): boolean {
    if (!editor || editor.isDestroyed) return false;
    const range = resolvePassage(editor.state, passage);
    const markType = editor.schema.marks[COMMENT_MARK];
    if (!range || !markType) return false;
    // An anchor is not an edit of the text: kept out of the undo history (y-tiptap then does not capture the Yjs
    // transaction), one Ctrl+Z cannot detach a thread for everyone, and redo cannot bring back a stale one.
    editor.view.dispatch(editor.state.tr.addMark(range.from, range.to, markType.create({ threadId })).setMeta("addToHistory", false));
    return true;
  }

  function passageOf(threadId: string): string | null {
    const found = editor ? ranges.get(threadId) : undefined;
    if (!editor || !found?.length) return null;
    return editor.state.doc.textBetween(found[0]!.from, found.at(-1)!.to, "\n", " ");
  }

  async function applySuggestion(thread: ThreadEntry) {
    if (!editor || thread.suggestedText === null) throw new CommentRequestError("The text is still loading. Try again in a moment.", 0);
    if (!editor.isEditable) throw new CommentRequestError("This document can no longer be changed, so the wording cannot be applied.", 409);
    const found = findCommentRanges(editor.state.doc).get(thread.id) ?? [];
    if (found.length === 0) throw new CommentRequestError("The passage of this proposal is no longer in the document.", 409);
    const from = found[0]!.from;
    const to = found.at(-1)!.to;
    const $from = editor.state.doc.resolve(from);
    if (found.length > 1 || !$from.sameParent(editor.state.doc.resolve(to))) {
      throw new CommentRequestError("This passage spans several paragraphs or pieces; change the text by hand, then resolve the thread.", 409);
    }
    // The new words keep the passage's marks, its thread's among them, so the thread stays linked to them.
    const marks = editor.state.doc.nodeAt(from)?.marks ?? [];
    editor.view.dispatch(editor.state.tr.replaceWith(from, to, editor.schema.text(thread.suggestedText, marks)));
    const deadline = Date.now() + SAVE_WAIT_MILLISECONDS;
    while (!isSaved()) {
      if (Date.now() > deadline) throw new CommentRequestError("The new wording is in your editor but not saved yet. Check your connection, then apply again.", 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return commentsApi.apply(thread.id);
  }

  // Beside the passage it is about when threads are aligned; at the top of the panel otherwise.
  const newThreadForm = pending ? (
    <NewThreadForm
      quote={pending.quote}
      viewer={viewer}
      people={people}
      onCancel={() => {
        setPending(null);
        // Back to the text, with the passage still selected, where the comment was started.
        editor?.commands.focus();
      }}
      onSubmit={async (input) => {
        const { thread } = await commentsApi.createThread(documentId, { ...input, quote: pending.quote });
        if (!markPassage(thread.id, pending.passage)) {
          setNotice("The passage was deleted while you were writing, so the comment is listed as detached, with the words it was made on.");
        }
        setPending(null);
        setActiveThreadId(thread.id);
        discussion.showThread(thread);
      }}
    />
  ) : null;

  const openCount = discussion.threads.filter((thread) => thread.status !== "RESOLVED").length;
  const activeFilterCount = [filters.economy, filters.kind, filters.status, filters.author].filter(Boolean).length;

  return (
    <section className={isAligned ? "comments-panel comments-panel--aligned" : "comments-panel"} aria-labelledby="comments-heading" data-testid="comments-panel">
      <div className="comments-panel__header">
        <h2 id="comments-heading" className="comments-panel__heading">
          Comments <span className="comments-panel__count">{discussion.threads.length}</span>
        </h2>
        {/* Announced when it changes, so a screen reader hears that the discussion moved on. */}
        <span className="subtle" aria-live="polite">
          {discussion.isLoaded && discussion.threads.length > 0 ? `${openCount} not resolved` : ""}
        </span>
      </div>

      {loadingEditor && canComment && (
        <BubbleMenu
          editor={loadingEditor}
          options={{ placement: "top" }}
          className="comment-bubble"
          // Hidden while a comment is being written: the passage is already chosen.
          shouldShow={({ editor: current, from, to }) => !pendingRef.current && current.isEditable && current.view.hasFocus() && from !== to}
        >
          <button type="button" className="button button--small button--primary" onClick={startComment}>
            Comment
          </button>
        </BubbleMenu>
      )}

      {discussion.problem && (
        <p className="alert alert--error comments-panel__problem" role="alert">
          {discussion.problem}
        </p>
      )}
      {notice && (
        <p className="alert alert--info comments-panel__problem" role="status">
          {notice}
        </p>
      )}

      {pending && !isAligned && newThreadForm}

      <details className="comments-panel__section">
        <summary>Where each economy stands</summary>
        <EconomySummary summary={discussion.summary} />
      </details>

      <details className="comments-panel__section">
        <summary>
          Filter and sort
          {activeFilterCount > 0 && <span className="comments-panel__filter-count"> · {activeFilterCount} active</span>}
        </summary>
        <fieldset className="comments-filters">
          <legend className="visually-hidden">Filter and sort comments</legend>
          <label className="comments-filters__field" htmlFor={`${filterId}-economy`}>
            <span>Economy</span>
            <select id={`${filterId}-economy`} className="select" value={filters.economy} onChange={(event) => setFilters({ ...filters, economy: event.target.value })}>
              <option value="">All</option>
              {ORGANISATIONS.filter((entry) => entry.kind !== "OBSERVER").map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.kind === "SECRETARIAT" ? "Secretariat" : entry.shortName}
                </option>
              ))}
            </select>
          </label>
          <label className="comments-filters__field" htmlFor={`${filterId}-kind`}>
            <span>Kind</span>
            <select id={`${filterId}-kind`} className="select" value={filters.kind} onChange={(event) => setFilters({ ...filters, kind: event.target.value })}>
              <option value="">All</option>
              {THREAD_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABEL[kind]}
                </option>
              ))}
            </select>
          </label>
          <label className="comments-filters__field" htmlFor={`${filterId}-status`}>
            <span>Status</span>
            <select id={`${filterId}-status`} className="select" value={filters.status} onChange={(event) => setFilters({ ...filters, status: event.target.value })}>
              <option value="">All</option>
              {THREAD_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABEL[status]}
                </option>
              ))}
            </select>
          </label>
          <label className="comments-filters__field" htmlFor={`${filterId}-author`}>
            <span>Author</span>
            <select id={`${filterId}-author`} className="select" value={filters.author} onChange={(event) => setFilters({ ...filters, author: event.target.value })}>
              <option value="">All</option>
              {authors.map((author) => (
                <option key={author.id} value={author.id}>
                  {author.name} ({getOrganisation(author.organisationCode).shortName})
                </option>
              ))}
            </select>
          </label>
          <label className="comments-filters__field comments-filters__field--wide" htmlFor={`${filterId}-sort`}>
            <span>Sort</span>
            <select
              id={`${filterId}-sort`}
              className="select"
              value={filters.sort}
              onChange={(event) => setFilters({ ...filters, sort: event.target.value === "date" ? "date" : "position" })}
            >
              <option value="position">By position in the text</option>
              <option value="date">Newest first</option>
            </select>
          </label>
        </fieldset>
      </details>

      {!discussion.isLoaded && !discussion.problem ? (
        <p className="subtle comments-panel__empty">Loading comments…</p>
      ) : visible.length === 0 && !(isAligned && pending) ? (
        <div className="comments-panel__empty">
          {activeFilterCount > 0 ? (
            <>
              <p>No comment matches these filters.</p>
              <button type="button" className="button button--small" onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}>
                Show all comments
              </button>
            </>
          ) : canComment ? (
            <p>No comments yet. Select words in the text and choose “Comment” (or press Ctrl+Alt+M, ⌘⌥M on a Mac) to start a thread.</p>
          ) : (
            <p>No comments yet. Threads the delegations open on the text appear here as they are made.</p>
          )}
        </div>
      ) : (
        <ol
          className={isAligned ? "thread-list thread-list--aligned" : "thread-list"}
          ref={listRef}
          aria-label="Comment threads"
          style={isAligned ? { height: layout?.height ?? 0 } : undefined}
        >
          {isAligned && pending && (
            <li className="thread-card thread-card--new" data-pending-thread="true" style={cardPosition(PENDING_CARD)}>
              {newThreadForm}
            </li>
          )}
          {visible.map((thread) => (
            <ThreadCard
              key={thread.id}
              style={cardPosition(thread.id)}
              thread={thread}
              isActive={thread.id === activeThreadId}
              people={people}
              onActivate={showPassage}
              onChanged={discussion.showThread}
              onApplySuggestion={applySuggestion}
              passageOf={passageOf}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

const fieldMessage = (error: unknown, field: string) => (error instanceof CommentRequestError ? error.fieldErrors[field]?.[0] : undefined);

function NewThreadForm({
  quote,
  viewer,
  people,
  onSubmit,
  onCancel,
}: {
  quote: string;
  viewer: Person;
  people: Person[];
  onSubmit: (input: { kind: ThreadKind; body: string; suggestedText?: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [kind, setKind] = useState<ThreadKind>("REMARK");
  const [suggestedText, setSuggestedText] = useState(quote);
  const [error, setError] = useState<unknown>(null);
  // The comment box shows what went wrong with the comment, the passage or the kind, or the server's general answer;
  // a problem with the proposed wording shows under that field instead.
  const message =
    error === null || fieldMessage(error, "suggestedText")
      ? undefined
      : (fieldMessage(error, "body") ?? fieldMessage(error, "quote") ?? fieldMessage(error, "kind") ?? (error instanceof CommentRequestError ? error.message : "Something went wrong. Please try again."));

  return (
    <div
      className="new-thread"
      role="group"
      aria-labelledby={`${id}-heading`}
      // Escape anywhere in the form (the kind, the proposed wording) abandons the comment, as it does in the comment box.
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={`${id}-heading`} className="new-thread__heading">
        New comment as {viewer.name} · {getOrganisation(viewer.organisationCode).shortName}
      </h3>
      <p className="new-thread__quote">
        <span className="visually-hidden">On the passage: </span>“{quote}”
      </p>
      <CommentComposer
        label="Comment"
        people={people}
        submitLabel="Post comment"
        autoFocus
        error={message}
        onCancel={onCancel}
        onSubmit={async (body) => {
          try {
            await onSubmit({ kind, body, suggestedText: kind === "PROPOSAL" ? suggestedText : undefined });
            return true;
          } catch (failure) {
            setError(failure);
            return false;
          }
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind of comment</label>
          <select id={`${id}-kind`} className="select" value={kind} onChange={(event) => setKind(event.target.value as ThreadKind)}>
            {THREAD_KINDS.map((choice) => (
              <option key={choice} value={choice}>
                {KIND_CHOICE_LABEL[choice]}
              </option>
            ))}
          </select>
        </div>
        {kind === "PROPOSAL" && (
          <div className="field">
            <label htmlFor={`${id}-wording`}>Proposed wording</label>
            <textarea
              id={`${id}-wording`}
              className="textarea"
              rows={3}
              value={suggestedText}
              aria-invalid={fieldMessage(error, "suggestedText") ? true : undefined}
              aria-describedby={fieldMessage(error, "suggestedText") ? `${id}-wording-error` : `${id}-wording-hint`}
              onChange={(event) => setSuggestedText(event.target.value)}
            />
            {fieldMessage(error, "suggestedText") ? (
              <p id={`${id}-wording-error`} className="field__error">
                {fieldMessage(error, "suggestedText")}
              </p>
            ) : (
              <p id={`${id}-wording-hint`} className="field__hint">
                The secretariat can put this wording in place of the passage in one step.
              </p>
            )}
          </div>
        )}
      </CommentComposer>
    </div>
  );
}
