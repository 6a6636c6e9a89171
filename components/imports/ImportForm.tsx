"use client";

import { useId, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import styles from "@/components/imports/imports.module.css";

type Notice = { kind: string; count: number; message: string };
type Summary = { articles: number; numberedParagraphs: number; notes: number; tables: number; lists: number; characters: number };
type Analysis = { summary: Summary; notices: Notice[]; suggestedTitle: string };
type ErrorBody = { error?: { message?: string } };

const IMPORT_URL = "/api/documents/import";

/**
 * Two steps: the file is analysed and the report shown (nothing is stored), then "Create the
 * document" sends the same file again with a title. The server reads the file afresh each time.
 */
export function ImportForm() {
  const router = useRouter();
  const fileId = useId();
  const titleId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [title, setTitle] = useState("");
  const [isMemorandum, setIsMemorandum] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function send(body: FormData): Promise<unknown> {
    const response = await fetch(IMPORT_URL, { method: "POST", body });
    const json: unknown = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((json as ErrorBody).error?.message ?? "The import failed. Please try again.");
    return json;
  }

  async function handleAnalyse(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return setError("Choose a Word file (.docx) to import.");
    setIsBusy(true);
    setError(null);
    setAnalysis(null);
    try {
      const body = new FormData();
      body.set("file", file);
      const result = (await send(body)) as Analysis;
      setAnalysis(result);
      setTitle(result.suggestedTitle);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setIsBusy(false);
    }
  }

  async function handleConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    setIsBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.set("file", file);
      body.set("confirm", "true");
      body.set("title", title);
      body.set("kind", isMemorandum ? "MOU" : "OTHER");
      const result = (await send(body)) as { documentId: string };
      router.push(`/documents/${result.documentId}`);
    } catch (caught) {
      setError((caught as Error).message);
      setIsBusy(false);
    }
  }

  return (
    <div className={styles.steps}>
      <form className="card" onSubmit={handleAnalyse} aria-labelledby="import-step-1">
        <h2 id="import-step-1">1. Choose the Word file</h2>
        <div className="field">
          <label htmlFor={fileId}>Word document (.docx, up to 20 MB)</label>
          <input
            id={fileId}
            name="file"
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setAnalysis(null);
              setError(null);
            }}
            aria-describedby={error ? "import-error" : undefined}
          />
          <span className="field__hint">Headings that read “Article N” become numbered articles; paragraphs starting “1.” in an article become numbered paragraphs.</span>
        </div>
        <div className="row">
          <button className="button button--primary" type="submit" disabled={isBusy || !file}>
            {isBusy && !analysis ? "Reading the file…" : "Check the file"}
          </button>
        </div>
      </form>

      {error && (
        <div className="alert alert--error" role="alert" id="import-error" data-testid="import-error">
          {error}
        </div>
      )}

      {analysis && (
        <form className="card" onSubmit={handleConfirm} aria-labelledby="import-step-2" data-testid="import-report">
          <h2 id="import-step-2">2. Check the import report</h2>
          <dl className={styles.summary}>
            <div><dt>Articles</dt><dd>{analysis.summary.articles}</dd></div>
            <div><dt>Numbered paragraphs</dt><dd>{analysis.summary.numberedParagraphs}</dd></div>
            <div><dt>Notes</dt><dd>{analysis.summary.notes}</dd></div>
            <div><dt>Tables</dt><dd>{analysis.summary.tables}</dd></div>
            <div><dt>Lists</dt><dd>{analysis.summary.lists}</dd></div>
            <div><dt>Characters</dt><dd>{analysis.summary.characters.toLocaleString("en")}</dd></div>
          </dl>
          {analysis.notices.length === 0 ? (
            <p className="alert alert--success">Everything in the file has a place in Accord.</p>
          ) : (
            <div className="alert alert--info">
              <p className={styles.noticeHeading}>What Accord cannot keep as it was:</p>
              <ul className={styles.notices}>
                {analysis.notices.map((notice) => (
                  <li key={notice.kind}>{notice.message}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="field">
            <label htmlFor={titleId}>Title of the new document</label>
            <input id={titleId} className="input" value={title} onChange={(event) => setTitle(event.target.value)} required minLength={3} maxLength={200} />
          </div>
          <label className={styles.checkbox}>
            <input type="checkbox" checked={isMemorandum} onChange={(event) => setIsMemorandum(event.target.checked)} /> This is the Memorandum under negotiation
          </label>
          <div className="row">
            <button className="button button--primary" type="submit" disabled={isBusy}>
              {isBusy ? "Creating…" : "Create the document"}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
