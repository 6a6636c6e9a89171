"use client";

import type { CSSProperties } from "react";
import type { Participant } from "@/components/editor/collaboration-session";
import { economyOf } from "@/components/editor/presence-style";

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

/** Everyone in the document right now, observers included, each in their economy's colour. */
export function PresenceList({ participants }: { participants: Participant[] }) {
  const sorted = [...participants].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="presence__heading">
        In this document <span className="presence__count">{sorted.length}</span>
      </h2>
      {sorted.length === 0 ? (
        <p className="subtle">Connecting…</p>
      ) : (
        <ul className="presence__list" data-testid="presence-list">
          {sorted.map((participant) => {
            const economy = economyOf(participant.organisationCode);
            return (
              <li key={participant.id} className="presence__person" style={{ "--person-colour": economy.colour } as CSSProperties}>
                <span className="presence__avatar" aria-hidden="true">{initialsOf(participant.name)}</span>
                <span className="presence__identity">
                  <span className="presence__name">
                    {participant.name}
                    {participant.isSelf && <span className="presence__you"> (you)</span>}
                  </span>
                  <span className="presence__meta">
                    {economy.label}
                    {!participant.canEdit && " · observing"}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
