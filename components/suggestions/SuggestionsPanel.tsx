"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { Editor } from "@tiptap/react";
import { TextSelection } from "@tiptap/pm/state";
import { findSuggestions, type FoundSuggestion } from "@/lib/editor/suggestion-marks";
import { applySuggestionOutcomes, type SuggestionOutcome as TextOutcome } from "@/lib/editor/suggestion-decisions";
import type { SuggestionOutcome } from "@/lib/suggestions/find-suggestion-outcomes";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDateTime } from "@/components/ui/dates";
import "@/components/suggestions/suggestions.css";

type Viewer = { id: string; name: string; organisationCode: string };
type Status = "OPEN" | "ACCEPTED" | "REJECTED" | "WITHDRAWN";
type Recorded = "ACCEPTED" | "REJECTED" | "WITHDRAWN";

/** One row of the panel: an open suggestion from the live text, or a recorded outcome. */
type Row = {
  id: string;
  status: Status;
  organisationCode: string;
  authorId: string;
  authorName: string;
  inserted: string;
  deleted: string;
  /** What a suggestion on a paragraph's form changes ("Article heading: ‘…’"); empty for words only. */
  change: string;
  article: string | null;
  at: string;
};

const STATUS_LABELS: Record<Status, string> = { OPEN: "Open", ACCEPTED: "Accepted", REJECTED: "Rejected", WITHDRAWN: "Withdrawn" };
const TEXT_OUTCOME: Record<Recorded, TextOutcome> = { ACCEPTED: "accept", REJECTED: "reject", WITHDRAWN: "reject" };

async function requestJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  }).catch(() => null);
  if (!response) throw new Error("The server could not be reached. Check your connection and try again.");
  const payload = (await response.json().catch(() => null)) as ({ error?: { message?: string } } & T) | null;
  if (!response.ok) throw new Error(payload?.error?.message ?? "Something went wrong. Please try again.");
  // A body cut off (the server stopped mid-answer) reads as nothing: an error, never an empty result.
  if (payload === null) throw new Error("The server's answer was cut off. Check your connection and try again.");
  return payload as T;
}

/**
 * Suggestions beside the text: the open ones read live from the shared document, the decided ones
 * from the server. The secretariat accepts or rejects one, all of one economy's, or all in the
 * selection; authors withdraw their own. Deciding records the outcome (audit log) first, then
 * applies it to the shared text, so others see it at once.
 */
export function SuggestionsPanel({ editor, documentId, viewer, canDecide, canWithdraw }: {
  editor: Editor | null;
  documentId: string;
  viewer: Viewer;
  canDecide: boolean;
  canWithdraw: boolean;
}) {
  const [open, setOpen] = useState<FoundSuggestion[]>([]);
  const [outcomes, setOutcomes] = useState<SuggestionOutcome[]>([]);
  const [economy, setEconomy] = useState("");
  const [article, setArticle] = useState("");
  const [status, setStatus] = useState<Status | "">("OPEN");
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [selectionIds, setSelectionIds] = useState<string[]>([]);
  const filterId = useId();
  const openIds = useRef(new Set<string>());

  const loadOutcomes = useCallback(async () => {
    try {
      const { outcomes: loaded } = await requestJson<{ outcomes: SuggestionOutcome[] }>("GET", `/api/documents/${encodeURIComponent(documentId)}/suggestions`);
      setOutcomes(loaded);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }, [documentId]);

  useEffect(() => {
    let isCurrent = true;
    requestJson<{ outcomes: SuggestionOutcome[] }>("GET", `/api/documents/${encodeURIComponent(documentId)}/suggestions`).then(
      ({ outcomes: loaded }) => isCurrent && setOutcomes(loaded),
      (error: Error) => isCurrent && setProblem(error.message),
    );
    return () => {
      isCurrent = false;
    };
  }, [documentId]);

  useEffect(() => {
    if (!editor) return;
    const refresh = () => {
      const found = findSuggestions(editor.state.doc);
      const ids = new Set(found.map((suggestion) => suggestion.id));
      // A suggestion left the text (decided or withdrawn by someone): fetch its recorded outcome.
      const isGone = [...openIds.current].some((id) => !ids.has(id));
      openIds.current = ids;
      setOpen(found);
      if (isGone) void loadOutcomes();
    };
    const refreshSelection = () => {
      const { from, to, empty } = editor.state.selection;
      setSelectionIds(empty ? [] : findSuggestions(editor.state.doc).filter((suggestion) => suggestion.ranges.some((range) => range.from < to && range.to > from)).map((suggestion) => suggestion.id));
    };
    refresh();
    editor.on("update", refresh);
    editor.on("selectionUpdate", refreshSelection);
    return () => {
      editor.off("update", refresh);
      editor.off("selectionUpdate", refreshSelection);
    };
  }, [editor, loadOutcomes]);

  // A recorded outcome whose change is not in the text yet (the deciding tab closed first) is applied by the next such editor.
  useEffect(() => {
    if (!editor || (!canDecide && !canWithdraw)) return;
    const pending = new Map<string, TextOutcome>();
    for (const outcome of outcomes) {
      if (!openIds.current.has(outcome.id)) continue;
      const isMine = outcome.status === "WITHDRAWN" ? outcome.authorId === viewer.id && canWithdraw : canDecide;
      if (isMine) pending.set(outcome.id, TEXT_OUTCOME[outcome.status]);
    }
    if (pending.size === 0) return;
    const transaction = editor.state.tr;
    if (applySuggestionOutcomes(transaction, pending) > 0) editor.view.dispatch(transaction);
  }, [editor, outcomes, canDecide, canWithdraw, viewer.id]);

  const rows: Row[] = useMemo(() => {
    const decided = new Set(outcomes.map((outcome) => outcome.id));
    return [
      ...open
        .filter((suggestion) => !decided.has(suggestion.id))
        .map((suggestion) => ({ ...suggestion, status: "OPEN" as const, at: suggestion.createdAt })),
      ...outcomes.map((outcome) => ({ ...outcome, article: null, at: outcome.decidedAt })),
    ];
  }, [open, outcomes]);

  const economies = [...new Set(rows.map((row) => row.organisationCode))].sort();
  const articles = [...new Set(open.map((suggestion) => suggestion.article).filter((name): name is string => Boolean(name)))];
  const visible = rows.filter((row) => (!economy || row.organisationCode === economy) && (!article || row.article === article) && (!status || row.status === status));
  const openVisible = visible.filter((row) => row.status === "OPEN");

  async function decide(ids: string[], outcome: Recorded) {
    if (!editor || ids.length === 0) return;
    setBusy(true);
    setProblem(null);
    try {
      await requestJson("POST", `/api/documents/${encodeURIComponent(documentId)}/suggestions`, { suggestionIds: ids, outcome });
      const transaction = editor.state.tr;
      applySuggestionOutcomes(transaction, new Map(ids.map((id) => [id, TEXT_OUTCOME[outcome]])));
      editor.view.dispatch(transaction);
      await loadOutcomes();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function show(row: Row, shouldSelect: boolean) {
    const found = open.find((suggestion) => suggestion.id === row.id);
    if (!editor || !found) return;
    const from = found.ranges[0]!.from;
    const to = found.ranges.at(-1)!.to;
    const transaction = editor.state.tr.setSelection(TextSelection.create(editor.state.doc, from, shouldSelect ? to : from)).scrollIntoView();
    editor.view.dispatch(transaction);
    editor.view.focus();
  }

  return (
    <section className="suggestions-panel" aria-labelledby={`${filterId}-heading`} data-testid="suggestions-panel">
      <header className="suggestions-panel__header">
        <h2 id={`${filterId}-heading`} className="suggestions-panel__heading">
          Suggestions <span className="suggestions-panel__count">{rows.filter((row) => row.status === "OPEN").length} open</span>
        </h2>
      </header>
      <div className="suggestions-panel__filters">
        <label>
          <span className="visually-hidden">Economy</span>
          <select className="input input--small" value={economy} onChange={(event) => setEconomy(event.target.value)} aria-label="Filter suggestions by economy">
            <option value="">All economies</option>
            {economies.map((code) => (
              <option key={code} value={code}>{code}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Article</span>
          <select className="input input--small" value={article} onChange={(event) => setArticle(event.target.value)} aria-label="Filter suggestions by article">
            <option value="">All articles</option>
            {articles.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Status</span>
          <select className="input input--small" value={status} onChange={(event) => setStatus(event.target.value as Status | "")} aria-label="Filter suggestions by status">
            <option value="">Any status</option>
            {(Object.keys(STATUS_LABELS) as Status[]).map((value) => (
              <option key={value} value={value}>{STATUS_LABELS[value]}</option>
            ))}
          </select>
        </label>
      </div>
      {canDecide && (openVisible.length > 1 || selectionIds.length > 0) && (
        <div className="suggestions-panel__bulk" role="group" aria-label="Decide several">
          {economy && openVisible.length > 1 && (
            <>
              <button type="button" className="button button--small" disabled={isBusy} onClick={() => void decide(openVisible.map((row) => row.id), "ACCEPTED")}>
                Accept all {economy} ({openVisible.length})
              </button>
              <button type="button" className="button button--small" disabled={isBusy} onClick={() => void decide(openVisible.map((row) => row.id), "REJECTED")}>
                Reject all {economy}
              </button>
            </>
          )}
          {selectionIds.length > 0 && (
            <>
              <button type="button" className="button button--small" disabled={isBusy} onMouseDown={(event) => event.preventDefault()} onClick={() => void decide(selectionIds, "ACCEPTED")}>
                Accept {selectionIds.length} in selection
              </button>
              <button type="button" className="button button--small" disabled={isBusy} onMouseDown={(event) => event.preventDefault()} onClick={() => void decide(selectionIds, "REJECTED")}>
                Reject in selection
              </button>
            </>
          )}
        </div>
      )}
      {problem && <p className="alert alert--error suggestions-panel__problem" role="alert">{problem}</p>}
      {visible.length === 0 ? (
        <p className="suggestions-panel__empty">
          {rows.length === 0 ? "No suggestions yet. In Suggesting mode, your changes appear here for the secretariat to decide." : "No suggestions match these filters."}
        </p>
      ) : (
        <ol className="suggestions-panel__list">
          {visible.map((row) => (
            <li key={row.id} className={`suggestion-card suggestion-card--${row.status.toLowerCase()}`} style={{ ["--suggestion-colour" as string]: `var(--economy-${row.organisationCode})` }} data-testid="suggestion-card" data-economy={row.organisationCode} data-status={row.status}>
              <div className="suggestion-card__meta">
                <EconomyBadge code={row.organisationCode} isShort />
                <span className="suggestion-card__author">{row.authorName}</span>
                <span className={`badge suggestion-card__status suggestion-card__status--${row.status.toLowerCase()}`}>{STATUS_LABELS[row.status]}</span>
              </div>
              <button type="button" className="suggestion-card__text" onClick={() => show(row, false)} disabled={row.status !== "OPEN"}>
                {row.change && (
                  <span className="suggestion-card__change" data-testid="block-change">
                    <span className="suggestion-card__verb">Change</span> {row.change}
                  </span>
                )}
                {row.deleted && (
                  <span className="suggestion-card__change">
                    <span className="suggestion-card__verb">Delete</span> <del>{clip(row.deleted)}</del>
                  </span>
                )}
                {row.inserted && (
                  <span className="suggestion-card__change">
                    <span className="suggestion-card__verb">Insert</span> <ins>{clip(row.inserted)}</ins>
                  </span>
                )}
                {!row.inserted && !row.deleted && !row.change && <span className="suggestion-card__change">New paragraph</span>}
              </button>
              <p className="suggestion-card__where">
                {row.article ? `${row.article} · ` : ""}
                {row.status === "OPEN" ? "" : `${STATUS_LABELS[row.status]} `}
                {formatDateTime(row.at)}
              </p>
              {row.status === "OPEN" && (
                <div className="suggestion-card__actions">
                  {canDecide && (
                    <>
                      <button type="button" className="button button--primary button--small" disabled={isBusy} onClick={() => void decide([row.id], "ACCEPTED")} aria-label={`Accept ${row.organisationCode} suggestion: ${describe(row)}`}>
                        Accept
                      </button>
                      <button type="button" className="button button--small" disabled={isBusy} onClick={() => void decide([row.id], "REJECTED")} aria-label={`Reject ${row.organisationCode} suggestion: ${describe(row)}`}>
                        Reject
                      </button>
                    </>
                  )}
                  {canWithdraw && row.authorId === viewer.id && !canDecide && (
                    <button type="button" className="button button--small" disabled={isBusy} onClick={() => void decide([row.id], "WITHDRAWN")}>
                      Withdraw
                    </button>
                  )}
                  <button type="button" className="button button--ghost button--small" onClick={() => show(row, true)} title="Selects the suggested words so you can comment on them">
                    Discuss
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function clip(text: string): string {
  const single = text.replace(/\s+/g, " ").trim() || "¶";
  return single.length > 120 ? `${single.slice(0, 117)}…` : single;
}

function describe(row: Row): string {
  return [row.change, row.deleted && `delete “${clip(row.deleted)}”`, row.inserted && `insert “${clip(row.inserted)}”`].filter(Boolean).join(", ");
}
