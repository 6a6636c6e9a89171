import type { Metadata } from "next";
import Link from "next/link";
import { findOpenInvitation } from "@/lib/people/invitations";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { AcceptInvitationForm } from "@/components/people/AcceptInvitationForm";
import { landingPathAction } from "@/app/login/actions";
import { acceptInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Set your password" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findOpenInvitation(token);
  return (
    <main className="auth-page">
      <div className="card auth-card">
        {invitation ? (
          <>
            <h1>Welcome to Accord, {invitation.user.name}</h1>
            <p className="muted">
              You were invited as {invitation.user.role.toLowerCase()} for {getOrganisation(invitation.user.organisationCode).name}.
              Choose a password to sign in with <strong>{invitation.user.email}</strong>.
            </p>
            <AcceptInvitationForm token={token} action={acceptInvitationAction} landingPathAction={landingPathAction} />
          </>
        ) : (
          <>
            <h1>This link no longer works</h1>
            <p className="muted">It has expired or was already used. Ask the RCC secretariat to send you a new invitation.</p>
            <Link className="button" href="/login">Go to sign in</Link>
          </>
        )}
      </div>
    </main>
  );
}
