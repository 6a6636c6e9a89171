"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { ImportReport } from "@/components/imports/ImportReport";
import { WordFileStep } from "@/components/imports/WordFileStep";
import styles from "@/components/imports/imports.module.css";
import { useWordUpload } from "@/components/imports/use-word-upload";
import type { ImportNotice, ImportSummary } from "@/components/imports/word-upload";

type Replaced = { title: string; anchoredThreads: number; openSuggestions: number };
type Analysis = { summary: ImportSummary; notices: ImportNotice[]; replaced: Replaced };
type Done = { checkpoint: { id: string; number: number } };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * Replacing a draft's text from a Word file, in three steps: the file is checked and the report
 * shown with what will happen to the current text (nothing is stored); "Replace the whole text"
 * sends the same file again; the result links to the checkpoint comparison.
 */
export function ReplaceTextForm({ documentId }: { documentId: string }) {
  const url = `/api/documents/${documentId}/import`;
  const [done, setDone] = useState<Done | null>(null);
  const { analysis, isBusy, fileStep, confirm } = useWordUpload<Analysis>(url);

  async function handleConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(await confirm<Done>({ confirm: "true" }));
  }

  if (done) {
    return (
      <section className="card" aria-labelledby="replace-done" data-testid="replace-done">
        <h2 id="replace-done">The text was replaced</h2>
        <p role="status">
          Everyone with the document open now sees the text of the Word file. The previous text is saved as checkpoint v{done.checkpoint.number} in Versions.
        </p>
        <div className="row">
          <Link className="button button--primary" href={`/documents/${documentId}`}>Open the document</Link>
          <Link className="button" href={`/documents/${documentId}/compare?from=${done.checkpoint.id}&to=live`}>Compare the previous text with the new one</Link>
        </div>
      </section>
    );
  }

  return (
    <div className={styles.steps}>
      <WordFileStep {...fileStep} />

      {analysis && (
        <form className="card" onSubmit={handleConfirm} aria-labelledby="import-step-2" data-testid="import-report">
          <h2 id="import-step-2">2. Check the report and confirm</h2>
          <ImportReport summary={analysis.summary} notices={analysis.notices} />
          <div className="alert alert--error" data-testid="replace-consequences">
            <p className={styles.noticeHeading}>This replaces the whole text of “{analysis.replaced.title}”.</p>
            <ul className={styles.notices}>
              <li>Everyone who has the document open sees the Word file’s text at once, in place of the current text.</li>
              <li>The current text is saved first as a checkpoint, so it stays in the version history and can be compared with the new text.</li>
              {analysis.replaced.anchoredThreads > 0 && (
                <li>{plural(analysis.replaced.anchoredThreads, "comment thread is", "comment threads are")} anchored in the current text: they keep their quote but lose their place in the text.</li>
              )}
              {analysis.replaced.openSuggestions > 0 && (
                <li>{plural(analysis.replaced.openSuggestions, "open suggestion goes", "open suggestions go")} with the current text (the checkpoint keeps the text without them).</li>
              )}
            </ul>
          </div>
          <div className="row">
            <button className="button button--danger" type="submit" disabled={isBusy}>
              {isBusy ? "Replacing…" : "Replace the whole text"}
            </button>
            <Link className="button button--ghost" href={`/documents/${documentId}`}>Keep the current text</Link>
          </div>
        </form>
      )}
    </div>
  );
}
