import type { Metadata } from "next";
import Link from "next/link";
import { AppError } from "@/lib/errors";
import { findPreferenceByToken } from "@/lib/notifications/preferences";
import { TokenPreferenceForm } from "@/components/notifications/TokenPreferenceForm";
import { setPreferenceByTokenAction } from "./actions";

export const metadata: Metadata = { title: "Email settings" };

/** Opened from an email's footer, without signing in: the token names one person and one kind of email. */
export default async function EmailPreferencePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let found: Awaited<ReturnType<typeof findPreferenceByToken>> | null = null;
  try {
    found = await findPreferenceByToken({ token });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  return (
    <main className="auth-page">
      <div className="card auth-card">
        {found ? (
          <>
            <h1>Email settings</h1>
            <p className="muted">
              For {found.userName}: <strong>{found.preference.label}</strong> — {found.preference.description}
            </p>
            {found.preference.isAlwaysOn ? (
              <p className="alert alert--info">These emails are how the working group invites you and asks for sign-off, so they are always sent.</p>
            ) : (
              <TokenPreferenceForm token={token} current={found.preference.delivery} action={setPreferenceByTokenAction} />
            )}
            <p className="subtle"><Link href="/notifications#preferences">All your email settings</Link> (sign-in needed).</p>
          </>
        ) : (
          <>
            <h1>This link does not work</h1>
            <p className="muted">It may have been copied incompletely. Sign in to change what Accord sends you.</p>
            <Link className="button" href="/login">Go to sign in</Link>
          </>
        )}
      </div>
    </main>
  );
}
