import { AppError } from "@/lib/errors";

/** What a server action hands back to its form. */
export type ActionState = {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** Extra data a form may show after success (for example an invitation link). */
  data?: Record<string, string>;
};

export const IDLE: ActionState = { status: "idle" };

/** Runs a server action body; expected errors become messages next to the form, bugs are logged and reported plainly. */
export async function runAction(work: () => Promise<ActionState | void>): Promise<ActionState> {
  try {
    return (await work()) ?? { status: "success" };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message, fieldErrors: error.fieldErrors };
    // next/navigation's redirect and notFound work by throwing; let them through.
    if (error instanceof Error && "digest" in error && String((error as { digest?: unknown }).digest).startsWith("NEXT_")) throw error;
    console.error("Server action failed", error);
    return { status: "error", message: "Something went wrong on our side. Nothing was changed; please try again." };
  }
}
