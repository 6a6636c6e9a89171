"use client";

import { useState, type ComponentProps } from "react";
import type { WordFileStep } from "@/components/imports/WordFileStep";
import { sendWordUpload } from "@/components/imports/word-upload";

/**
 * The state both Word forms share: the chosen file, its analysis (step 1: the server reads the
 * file and stores nothing) and the confirmation (step 2: the same file sent again with `fields`).
 */
export function useWordUpload<Analysis>(url: string, { onAnalysed }: { onAnalysed?: (analysis: Analysis) => void } = {}) {
  const [file, setFile] = useState<File | null>(null);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function analyse(): Promise<void> {
    if (!file) return setError("Choose a Word file (.docx) to import.");
    setIsBusy(true);
    setError(null);
    setAnalysis(null);
    try {
      const result = await sendWordUpload<Analysis>(url, { file });
      setAnalysis(result);
      onAnalysed?.(result);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setIsBusy(false);
    }
  }

  /** Sends the file again to act on it; the answer, or null once the error is shown. Stays busy on success: the caller moves on. */
  async function confirm<Result>(fields: Record<string, string>): Promise<Result | null> {
    if (!file) return null;
    setIsBusy(true);
    setError(null);
    try {
      return await sendWordUpload<Result>(url, { file, ...fields });
    } catch (caught) {
      setError((caught as Error).message);
      setIsBusy(false);
      return null;
    }
  }

  const fileStep: ComponentProps<typeof WordFileStep> = {
    isBusy,
    isReading: isBusy && !analysis,
    error,
    onFileChange: (chosen) => {
      setFile(chosen);
      setAnalysis(null);
      setError(null);
    },
    onSubmit: () => void analyse(),
  };

  return { analysis, isBusy, fileStep, confirm };
}
