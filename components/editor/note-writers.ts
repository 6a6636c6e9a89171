import { useCallback, useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";

/**
 * The presence field naming the note whose wording a person is writing: its place in reading
 * order, from 0. A note's wording is one attribute, so two people typing into it at once would
 * each overwrite the other's keystrokes; the panel lets one write at a time instead.
 */
const WRITING_NOTE = "writingNote";

export type NoteWriter = { name: string; organisationCode: string };

/**
 * Who else is writing which note (from everyone's presence, which the server stamps with the
 * person's identity), and `announce` to say which one this person is writing (null: none).
 */
export function useNoteWriters(awareness: Awareness | null): { writers: ReadonlyMap<number, NoteWriter>; announce: (index: number | null) => void } {
  const [writers, setWriters] = useState<ReadonlyMap<number, NoteWriter>>(new Map());
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const next = new Map<number, NoteWriter>();
      awareness.getStates().forEach((state, clientId) => {
        const index: unknown = state[WRITING_NOTE];
        const user: unknown = state.user;
        if (clientId === awareness.clientID || !Number.isSafeInteger(index) || (index as number) < 0 || typeof user !== "object" || user === null) return;
        const { name, organisationCode } = user as Record<string, unknown>;
        if (typeof name === "string" && !next.has(index as number)) next.set(index as number, { name, organisationCode: String(organisationCode ?? "") });
      });
      // Carets move all the time: only a change of writers re-renders the panel.
      setWriters((current) => (sameWriters(current, next) ? current : next));
    };
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
  }, [awareness]);
  const announce = useCallback(
    (index: number | null) => {
      // An observer publishes no presence at all.
      if (awareness?.getLocalState()) awareness.setLocalStateField(WRITING_NOTE, index);
    },
    [awareness],
  );
  return { writers, announce };
}

function sameWriters(a: ReadonlyMap<number, NoteWriter>, b: ReadonlyMap<number, NoteWriter>): boolean {
  return a.size === b.size && [...a].every(([index, writer]) => b.get(index)?.name === writer.name && b.get(index)?.organisationCode === writer.organisationCode);
}
