import { z } from "zod";

export const ERROR_CODES = ["NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED", "INVALID_INPUT", "CONFLICT", "RATE_LIMITED"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  NOT_FOUND: "Not found.",
  FORBIDDEN: "You are not allowed to do this.",
  UNAUTHENTICATED: "Please sign in.",
  INVALID_INPUT: "Please check the highlighted fields.",
  CONFLICT: "This was changed by someone else. Reload and try again.",
  RATE_LIMITED: "Too many attempts. Please wait a moment and try again.",
};

/** The one error type for expected failures; anything else is a bug. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: Record<string, string[]>;

  constructor(code: ErrorCode, message?: string, fieldErrors: Record<string, string[]> = {}) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** An AppError carrying zod's messages per field. */
export function invalidInput(error: z.ZodError, message?: string): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return new AppError("INVALID_INPUT", message, fieldErrors);
}

/** Parses with zod and throws INVALID_INPUT with field messages on failure. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

export function httpStatusOf(error: unknown): number {
  return error instanceof AppError ? error.status : 500;
}

/** The JSON body an API route returns for an error; database and other unexpected errors never leak. */
export function errorBody(error: unknown): { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } } {
  if (error instanceof AppError) {
    return { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } };
  }
  return { error: { code: "INTERNAL", message: "Something went wrong on our side. Your last change was not saved." } };
}
