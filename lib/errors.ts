import { z } from "zod";

export const ERROR_CODES = [
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "INVALID_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNAVAILABLE",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  NOT_FOUND: "Not found.",
  FORBIDDEN: "You are not allowed to do this.",
  UNAUTHENTICATED: "Please sign in.",
  INVALID_INPUT: "Please check the highlighted fields.",
  CONFLICT: "This was changed by someone else. Reload and try again.",
  RATE_LIMITED: "Too many attempts. Please wait a moment and try again.",
  PAYLOAD_TOO_LARGE: "The request is too large.",
  UNSUPPORTED_MEDIA_TYPE: "Send the request as JSON (Content-Type: application/json).",
  UNAVAILABLE: "This could not be done just now. Please try again in a moment.",
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
  assertWellFormedText(input);
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

export const ILL_FORMED_TEXT = "This text contains an invalid character (a lone UTF-16 surrogate). Retype or paste it again.";

/**
 * Refuses any string in the input, at any depth, that is not well-formed Unicode (a lone UTF-16
 * surrogate): the database drivers and the digest would otherwise fail on it with a 500. It runs at
 * every validation boundary (parseInput, the JSON body reader, `wellFormedText` in zod schemas).
 */
export function assertWellFormedText(input: unknown, path: string[] = []): void {
  if (typeof input === "string") {
    if (!input.isWellFormed()) throw new AppError("INVALID_INPUT", ILL_FORMED_TEXT, { [path.join(".") || "form"]: [ILL_FORMED_TEXT] });
    return;
  }
  // Binary input (an uploaded file) holds bytes, not text: walking its millions of entries would only cost time.
  if (typeof input !== "object" || input === null || input instanceof Date || ArrayBuffer.isView(input) || input instanceof ArrayBuffer) return;
  // No input of Accord nests this deep; stopping here also keeps the walk off the call stack's limit.
  if (path.length > 32) throw new AppError("INVALID_INPUT", "The input is nested too deeply.");
  for (const [key, value] of Object.entries(input)) {
    if (!key.isWellFormed()) throw new AppError("INVALID_INPUT", ILL_FORMED_TEXT);
    assertWellFormedText(value, [...path, key]);
  }
}

/** A zod string that refuses ill-formed Unicode, for schemas parsed outside parseInput. */
export function wellFormedText() {
  return z.string().refine((value) => value.isWellFormed(), ILL_FORMED_TEXT);
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
