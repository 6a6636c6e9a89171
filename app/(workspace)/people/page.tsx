import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActorForPage } from "@/lib/auth/current";
import { findPeople } from "@/lib/people/accounts";
import { can } from "@/lib/policy";
import { PageHeader } from "@/components/ui/PageHeader";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { KosovoFootnote } from "@/components/ui/KosovoFootnote";
import { InviteForm } from "@/components/people/InviteForm";
import { AccountStatusButton } from "@/components/people/AccountStatusButton";
import { inviteUserAction, setAccountActiveAction } from "./actions";

export const metadata: Metadata = { title: "People" };

const ROLE_LABEL = { SECRETARIAT: "Secretariat", DELEGATE: "Delegate", OBSERVER: "Observer" } as const;

export default async function PeoplePage() {
  const actor = await requireActorForPage();
  if (!can(actor, "user.list", null)) notFound();
  const people = await findPeople({ actor });
  return (
    <>
      <PageHeader eyebrow="RCC secretariat" title="People" description="Invite delegates and observers, and close the accounts of people who leave the group." />
      <div className="grid grid--aside">
        <section className="card" aria-labelledby="people-heading">
          <h2 id="people-heading">Members</h2>
          <table className="table table--stack" data-testid="people">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id} data-email={person.email}>
                  <td>
                    <div><strong>{person.name}</strong></div>
                    <div className="subtle">{person.email}</div>
                    {person.emailFailedAt && (
                      <div className="badge badge--danger" title={person.emailFailure ?? undefined} data-testid="email-failing">
                        Emails to this address fail
                      </div>
                    )}
                  </td>
                  <td>
                    <div className="people-role">
                      {ROLE_LABEL[person.role]}
                      <EconomyBadge code={person.organisationCode} />
                    </div>
                  </td>
                  <td>
                    {!person.isActive ? (
                      <span className="badge badge--danger">Deactivated</span>
                    ) : person.hasPassword ? (
                      <span className="badge badge--success">Active</span>
                    ) : (
                      <span className="badge badge--warning">Invited</span>
                    )}
                  </td>
                  <td>
                    {person.id !== actor.id && (
                      <AccountStatusButton userId={person.id} name={person.name} isActive={person.isActive} action={setAccountActiveAction} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <KosovoFootnote />
        </section>
        <section className="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          <InviteForm action={inviteUserAction} />
        </section>
      </div>
    </>
  );
}
