"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export function SignInForm({ hasSingleSignOn, singleSignOnName, landingPathAction }: {
  hasSingleSignOn: boolean;
  singleSignOnName: string;
  /** Reads where the new session should land (observers go straight to /progress). */
  landingPathAction: () => Promise<string>;
}) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [error, setError] = useState<string | null>(searchParams.get("error") === "AccessDenied" ? "This account is not invited to Accord." : null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsSubmitting(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setIsSubmitting(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Email or password is not correct.");
      return;
    }
    const callbackUrl = searchParams.get("callbackUrl");
    router.replace(callbackUrl ? safeCallbackPath(callbackUrl, window.location.origin) : await landingPathAction());
    router.refresh();
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {error && (
        <div className="alert alert--error" role="alert" data-testid="sign-in-error">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input className="input" id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input className="input" id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="button button--primary" type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
      {hasSingleSignOn && (
        <button className="button" type="button" onClick={() => signIn("oidc", { callbackUrl: safeCallbackPath(searchParams.get("callbackUrl"), window.location.origin) })}>
          Sign in with {singleSignOnName}
        </button>
      )}
    </form>
  );
}
