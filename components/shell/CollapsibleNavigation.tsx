"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * The header's navigation, bell and account menu. On wide screens all are shown in one row; on
 * narrow ones (phones) the navigation and the account fold behind a "Menu" button, so the header
 * fits and "Sign out" stays one tap away, while the bell stays in the bar beside the button.
 * The menu closes when a page is chosen and on Escape, returning focus to the button.
 */
export function CollapsibleNavigation({ navigation, bell, account }: { navigation: ReactNode; bell: ReactNode; account: ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  const pathname = usePathname();
  const id = useId();
  const navigationId = `${id}-navigation`;
  const accountId = `${id}-account`;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [openedOn, setOpenedOn] = useState(pathname);

  // Choosing a page closes the menu (compared during render rather than in an effect).
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setIsOpen(false);
  }

  useEffect(() => {
    if (!isOpen) return;
    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setIsOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener("keydown", handleKeyDown);
    return () => document.removeEventListener("keydown", handleKeyDown);
  }, [isOpen]);

  return (
    <>
      <button
        ref={toggleRef}
        type="button"
        className="button button--small shell-menu__toggle"
        aria-expanded={isOpen}
        aria-controls={`${navigationId} ${accountId}`}
        onClick={() => setIsOpen((open) => !open)}
      >
        <span className="shell-menu__icon" aria-hidden="true" data-open={isOpen} />
        Menu
      </button>
      <div id={navigationId} className="shell-menu shell-menu--navigation" data-open={isOpen}>
        {navigation}
      </div>
      {/* The bell is outside the folding parts: on a phone it stays in the bar next to "Menu". */}
      <div className="user-menu" data-testid="user-menu">
        {bell}
        <div id={accountId} className="shell-menu shell-menu--account" data-open={isOpen}>
          {account}
        </div>
      </div>
    </>
  );
}
