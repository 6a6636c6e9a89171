import { NextResponse } from "next/server";
import { AppError, errorBody, httpStatusOf } from "@/lib/errors";

/** Wraps an API route: expected errors become their status and message; bugs become a logged 500. */
export function apiRoute<Context>(handler: (request: Request, context: Context) => Promise<unknown>) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      const result = await handler(request, context);
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return NextResponse.json(errorBody(error), { status: httpStatusOf(error) });
    }
  };
}

/** Reads a JSON body, answering INVALID_INPUT for anything that is not a JSON object. */
export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await request.json();
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // Falls through to the error below.
  }
  throw new AppError("INVALID_INPUT", "The request body must be a JSON object.");
}
