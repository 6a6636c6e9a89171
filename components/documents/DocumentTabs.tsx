"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./DocumentTabs.module.css";

/** The sections of one document: its text, saved versions, comparison and sign-off. */
export function DocumentTabs({ documentId }: { documentId: string }) {
  const pathname = usePathname();
  const base = `/documents/${documentId}`;
  const tabs = [
    { href: base, label: "Text", isCurrent: pathname === base },
    { href: `${base}/versions`, label: "Versions", isCurrent: pathname.startsWith(`${base}/versions`) },
    { href: `${base}/compare`, label: "Compare", isCurrent: pathname.startsWith(`${base}/compare`) },
    { href: `${base}/sign-off`, label: "Sign-off", isCurrent: pathname.startsWith(`${base}/sign-off`) },
  ];
  return (
    <nav className={styles.tabs} aria-label="Document">
      <Link className={styles.back} href="/documents">
        <span aria-hidden="true">←</span> All documents
      </Link>
      <ul className={styles.list}>
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link className={styles.tab} href={tab.href} aria-current={tab.isCurrent ? "page" : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
