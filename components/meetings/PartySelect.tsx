import { fieldProps } from "@/components/ui/Field";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";

export type PartyChoices = { people: { id: string; name: string; organisationCode: string }[] };

/** A select of economies, organisations and people, sending "organisation:AL" or "user:<id>". */
export function PartySelect({ id, name, choices, emptyLabel, errors }: {
  id: string;
  name: string;
  choices: PartyChoices;
  emptyLabel: string;
  errors?: string[];
}) {
  const shortName = new Map(ORGANISATIONS.map((entry) => [entry.code, entry.shortName]));
  return (
    <select className="select" {...fieldProps(id, errors)} name={name} defaultValue="">
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
        {choices.people.map((person) => (
          <option key={person.id} value={`user:${person.id}`}>{person.name} ({shortName.get(person.organisationCode)})</option>
        ))}
      </optgroup>
    </select>
  );
}
