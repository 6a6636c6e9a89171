"use client";

import { useState } from "react";
import type { ActionState } from "@/lib/action-state";
import type { TimeZoneChoice } from "@/lib/meetings/time";
import { Field, fieldProps } from "@/components/ui/Field";
import { FORMAT_LABEL } from "@/components/meetings/labels";
import { useFormAction } from "@/components/meetings/use-form-action";
import styles from "@/components/meetings/meetings.module.css";
import { FormError } from "@/components/ui/FormError";

type Format = keyof typeof FORMAT_LABEL;

export type MeetingFormValues = {
  meetingId?: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: Format;
  venue: string;
  onlineUrl: string;
  documentIds: string[];
};

/** Scheduling and rescheduling form: wall-clock times in a named time zone, format, venue or link, documents. */
export function MeetingForm({ action, values, timeZones, documents, submitLabel, pendingLabel }: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  values: MeetingFormValues;
  timeZones: { group: TimeZoneChoice[]; other: TimeZoneChoice[] };
  documents: { id: string; title: string }[];
  submitLabel: string;
  pendingLabel: string;
}) {
  const { state, isPending, formProps } = useFormAction(action);
  const [format, setFormat] = useState<Format>(values.format);
  const errors = state.fieldErrors ?? {};
  return (
    <form className="form" {...formProps} data-testid="meeting-form">
      <FormError state={state} />
      {values.meetingId && <input type="hidden" name="meetingId" value={values.meetingId} />}
      <Field id="title" label="Title" errors={errors.title}>
        <input className="input" {...fieldProps("title", errors.title)} defaultValue={values.title} maxLength={200} required />
      </Field>
      <div className="form-row">
        <Field id="startsAt" label="Starts" errors={errors.startsAt}>
          <input className="input" type="datetime-local" {...fieldProps("startsAt", errors.startsAt)} defaultValue={values.startsAt} required />
        </Field>
        <Field id="endsAt" label="Ends" errors={errors.endsAt}>
          <input className="input" type="datetime-local" {...fieldProps("endsAt", errors.endsAt)} defaultValue={values.endsAt} required />
        </Field>
      </div>
      <Field id="timeZone" label="Time zone" hint="Start and end are times on the clock in this zone. Everyone also sees them in their own zone." errors={errors.timeZone}>
        <select className="select" {...fieldProps("timeZone", errors.timeZone, true)} defaultValue={values.timeZone}>
          <optgroup label="Where the group meets">
            {timeZones.group.map(({ zone, label }) => (
              <option key={zone} value={zone}>{label}</option>
            ))}
          </optgroup>
          <optgroup label="Elsewhere">
            {timeZones.other.map(({ zone, label }) => (
              <option key={zone} value={zone}>{label}</option>
            ))}
          </optgroup>
        </select>
      </Field>
      <fieldset className={styles.formatChoices} aria-describedby={errors.format ? "format-error" : undefined}>
        <legend>Format</legend>
        {(Object.keys(FORMAT_LABEL) as Format[]).map((option) => (
          <label key={option} className={styles.formatChoice}>
            <input type="radio" name="format" value={option} checked={format === option} onChange={() => setFormat(option)} />
            {FORMAT_LABEL[option]}
          </label>
        ))}
        {errors.format?.map((error) => <span key={error} id="format-error" className="field__error" role="alert">{error}</span>)}
      </fieldset>
      {format !== "ONLINE" && (
        <Field id="venue" label="Venue" errors={errors.venue}>
          <input className="input" {...fieldProps("venue", errors.venue)} defaultValue={values.venue} maxLength={300} placeholder="Regional Cooperation Council, Sarajevo" />
        </Field>
      )}
      {format !== "IN_PERSON" && (
        <Field id="onlineUrl" label="Link to join online" errors={errors.onlineUrl}>
          <input className="input" type="url" {...fieldProps("onlineUrl", errors.onlineUrl)} defaultValue={values.onlineUrl} placeholder="https://" />
        </Field>
      )}
      {documents.length > 0 && (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="field__label">Documents for this meeting</legend>
          <div className={styles.documentChoices}>
            {documents.map((document) => (
              <label key={document.id}>
                <input type="checkbox" name="documentIds" value={document.id} defaultChecked={values.documentIds.includes(document.id)} />
                {document.title}
              </label>
            ))}
          </div>
          {errors.documentIds?.map((error) => <span key={error} className="field__error" role="alert">{error}</span>)}
        </fieldset>
      )}
      <div className="row">
        <button className="button button--primary" type="submit" disabled={isPending}>
          {isPending ? pendingLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
