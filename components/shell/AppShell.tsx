import Link from "next/link";
import type { ReactNode } from "react";
import { getOrganisation } from "@/lib/organisations/catalogue";
import type { Actor, WorkspaceAbilities } from "@/lib/policy";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { CollapsibleNavigation } from "@/components/shell/CollapsibleNavigation";
import { NavLinks, type NavItem } from "@/components/shell/NavLinks";
import { SignOutButton } from "@/components/shell/SignOutButton";
import { NotificationBell } from "@/components/notifications/NotificationBell";

const ROLE_LABEL = { SECRETARIAT: "RCC secretariat", DELEGATE: "Delegate", OBSERVER: "Observer" } as const;

/** The page frame for signed-in people: navigation, who they are, and the page. */
export function AppShell({ actor, abilities, unreadNotifications, children }: { actor: Actor; abilities: WorkspaceAbilities; unreadNotifications: number; children: ReactNode }) {
  const items: NavItem[] = [
    { href: "/", label: "Home" },
    { href: "/documents", label: "Documents" },
    { href: "/meetings", label: "Meetings" },
    { href: "/progress", label: "Progress" },
    ...(abilities.canManagePeople ? [{ href: "/people", label: "People" }] : []),
  ];
  const organisation = getOrganisation(actor.organisationCode);
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="shell-header">
        <div className="shell-header__inner">
          <Link href="/" className="brand" aria-label="Accord home">
            <span className="brand__mark" aria-hidden="true">A</span>
            <span>Accord</span>
          </Link>
          <CollapsibleNavigation
            navigation={<NavLinks items={items} />}
            bell={<NotificationBell initialUnread={unreadNotifications} />}
            account={
              <>
                <div className="user-menu__identity">
                  <span className="user-menu__name">{actor.name}</span>
                  <span className="user-menu__role">
                    {ROLE_LABEL[actor.role]} · {organisation.shortName}
                  </span>
                </div>
                <EconomyBadge code={actor.organisationCode} isShort />
                <SignOutButton userId={actor.id} />
              </>
            }
          />
        </div>
      </header>
      <main id="main" className="shell-main">
        {children}
      </main>
      <footer className="shell-footer">
        Regional Cooperation Council · Working Group on interoperability and trust services · <Link href="/audit">Audit log</Link>
      </footer>
    </>
  );
}
