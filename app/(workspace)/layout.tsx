import type { ReactNode } from "react";
import { requireActorForPage } from "@/lib/auth/current";
import { countUnreadNotifications } from "@/lib/notifications/find-notifications";
import { workspaceAbilities } from "@/lib/policy";
import { AppShell } from "@/components/shell/AppShell";

export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const actor = await requireActorForPage();
  return (
    <AppShell actor={actor} abilities={workspaceAbilities(actor)} unreadNotifications={await countUnreadNotifications({ actor })}>
      {children}
    </AppShell>
  );
}
