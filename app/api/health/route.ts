import { NextResponse } from "next/server";
import { checkHealth, healthHttpStatus } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: healthHttpStatus(health) });
}
