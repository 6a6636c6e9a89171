import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { getActor } from "@/lib/auth/current";
import { env } from "@/lib/env";
import { landingPath } from "@/lib/home/landing-path";
import { SignInForm } from "@/components/auth/SignInForm";
import { landingPathAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const actor = await getActor();
  if (actor) redirect(landingPath(actor));
  const { welcome } = await searchParams;
  const config = env();
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">A</span>
          <span className="stack" style={{ gap: 0 }}>
            Accord <span className="brand__sub">RCC Working Group on interoperability and trust services</span>
          </span>
        </div>
        <h1>Sign in</h1>
        {welcome && (
          <p className="alert alert--success" role="status">
            Your password is set. Sign in to continue.
          </p>
        )}
        <Suspense>
          <SignInForm hasSingleSignOn={Boolean(config.OIDC_ISSUER)} singleSignOnName={config.OIDC_NAME} landingPathAction={landingPathAction} />
        </Suspense>
        {config.isDemo && (
          <p className="subtle" style={{ marginTop: "var(--space-4)" }}>
            Demo: sign in as <code>secretariat@accord.example</code>, a delegate such as <code>al@accord.example</code> or an
            observer such as <code>ec@accord.example</code>, password <code>accord-demo</code>.
          </p>
        )}
      </div>
    </main>
  );
}
