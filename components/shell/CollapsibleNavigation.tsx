"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * The header's navigation and account menu. On wide screens it is always shown; on narrow ones
 * (phones) it folds behind a "Menu" button, so the header fits and "Sign out" stays one tap away.
 * It closes when a page is chosen and on Escape, returning focus to the button.
 */
export function CollapsibleNavigation({ children }: { children: ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  const pathname = usePathname();
  const panelId = useId();
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
        aria-controls={panelId}
        onClick={() => setIsOpen((open) => !open)}
      >
        <span className="shell-menu__icon" aria-hidden="true" data-open={isOpen} />
        Menu
      </button>
      <div id={panelId} className="shell-menu" data-open={isOpen}>
        {children}
      </div>
    </>
  );
}
