"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import styles from "@/components/notifications/notifications.module.css";

/** How often the bell asks for the unread count while the tab is visible. */
const POLL_MS = 5_000;

/** The header's bell: the unread count, refreshed while the tab is visible and when it regains focus. */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);

  useEffect(() => {
    let isActive = true;
    const refresh = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch("/api/notifications?count=1", { cache: "no-store" });
        if (!response.ok) return;
        const body = (await response.json()) as { unread?: number };
        if (isActive && typeof body.unread === "number") setUnread(body.unread);
      } catch {
        // Offline: keep the last count; the next poll repairs it.
      }
    };
    const timer = window.setInterval(refresh, POLL_MS);
    document.addEventListener("visibilitychange", refresh);
    window.addEventListener("focus", refresh);
    return () => {
      isActive = false;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", refresh);
      window.removeEventListener("focus", refresh);
    };
  }, []);

  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <Link href="/notifications" className={styles.bell} aria-label={label} title={label} data-testid="notification-bell">
      <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread > 0 && (
        <span className={styles.count} data-testid="notification-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
