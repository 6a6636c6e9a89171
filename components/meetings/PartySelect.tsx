import { fieldProps } from "@/components/ui/Field";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";

export type PartyChoices = { people: { id: string; name: string; organisationCode: string }[] };

/** A select of economies, organisations and people, sending "organisation:AL" or "user:<id>". */
export function PartySelect({ id, name, choices, emptyLabel, errors, current }: {
  id: string;
  name: string;
  choices: PartyChoices;
  emptyLabel: string;
  errors?: string[];
  /** What is chosen now, when changing an entry; a person no longer in `choices` (deactivated) is still offered. */
  current?: { value: string; label: string };
}) {
  const shortName = new Map(ORGANISATIONS.map((entry) => [entry.code, entry.shortName]));
  const isCurrentListed = !current?.value.startsWith("user:") || choices.people.some((person) => `user:${person.id}` === current.value);
  return (
    <select className="select" {...fieldProps(id, errors)} name={name} defaultValue={current?.value ?? ""}>
      <option value="">{emptyLabel}</option>
      <optgroup label="Economies">
        {ORGANISATIONS.filter((entry) => entry.kind === "ECONOMY").map((entry) => (
          <option key={entry.code} value={`organisation:${entry.code}`}>{entry.name}</option>
        ))}
      </optgroup>
      <optgroup label="Organisations">
        {ORGANISATIONS.filter((entry) => entry.kind !== "ECONOMY").map((entry) => (
          <option key={entry.code} value={`organisation:${entry.code}`}>{entry.name}</option>
        ))}
      </optgroup>
      <optgroup label="People">
        {current && !isCurrentListed && <option value={current.value}>{current.label}</option>}
        {choices.people.map((person) => (
          <option key={person.id} value={`user:${person.id}`}>{person.name} ({shortName.get(person.organisationCode)})</option>
        ))}
      </optgroup>
    </select>
  );
}
