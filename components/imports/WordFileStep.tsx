"use client";

import { useId, type FormEvent } from "react";
import { WORD_FILE_TYPES } from "@/components/imports/word-upload";

/**
 * Step 1 of an import: choose the Word file and have it checked. The error (a file that is not a
 * .docx, a damaged one, one too large, …) shows under the step and describes the file field.
 */
export function WordFileStep({ isBusy, isReading, error, onFileChange, onSubmit }: {
  /** A request of either step is under way. */
  isBusy: boolean;
  /** The file is being checked (this step's request). */
  isReading: boolean;
  error: string | null;
  onFileChange: (file: File | null) => void;
  onSubmit: () => void;
}) {
  const fileId = useId();
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <>
      <form className="card" onSubmit={handleSubmit} aria-labelledby="import-step-1">
        <h2 id="import-step-1">1. Choose the Word file</h2>
        <div className="field">
          <label htmlFor={fileId}>Word document (.docx, up to 20 MB)</label>
          <input
            id={fileId}
            name="file"
            type="file"
            accept={WORD_FILE_TYPES}
            onChange={(event) => onFileChange(event.target.files?.[0] ?? null)}
            aria-describedby={error ? "import-error" : undefined}
          />
          <span className="field__hint">Headings that read “Article N” become numbered articles; paragraphs starting “1.” in an article become numbered paragraphs.</span>
        </div>
        <div className="row">
          <button className="button button--primary" type="submit" disabled={isBusy}>
            {isReading ? "Reading the file…" : "Check the file"}
          </button>
        </div>
      </form>
      {error && (
        <div className="alert alert--error" role="alert" id="import-error" data-testid="import-error">
          {error}
        </div>
      )}
    </>
  );
}
