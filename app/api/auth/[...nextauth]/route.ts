import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { AppError, errorBody, httpStatusOf } from "@/lib/errors";
import { withBoundedBody } from "@/lib/http";

// Sign-in and sign-out forms are a few hundred bytes; anything far larger is refused unread.
const MAX_AUTH_BODY_BYTES = 16 * 1024;

async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  let bounded: NextRequest;
  try {
    bounded = await withBoundedBody(request, MAX_AUTH_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return NextResponse.json(errorBody(error), { status: httpStatusOf(error) });
  }
  return NextAuth(authOptions())(bounded, context);
}

export { handler as GET, handler as POST };
