"use client";

import { useActionState, useRef } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import type { Delivery } from "@/lib/notifications/kinds";
import { FormError } from "@/components/ui/FormError";
import styles from "@/components/notifications/notifications.module.css";

type Preference = { kind: string; label: string; description: string; delivery: Delivery; isAlwaysOn: boolean };

const CHOICES: { value: Delivery; label: string }[] = [
  { value: "IMMEDIATE", label: "Immediately" },
  { value: "DIGEST", label: "Daily digest" },
  { value: "OFF", label: "Off" },
];

/** One kind's delivery choice; it saves as soon as a choice is made. */
function PreferenceRow({ preference, action }: { preference: Preference; action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, isPending] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const labelId = `preference-${preference.kind.replace(/\W/g, "-")}`;
  return (
    <form ref={formRef} action={formAction} className={styles.preference} aria-busy={isPending}>
      <input type="hidden" name="kind" value={preference.kind} />
      <div>
        <span className={styles.preferenceLabel} id={labelId}>{preference.label}</span>
        <span className={styles.preferenceHint}>
          {preference.description}
          {preference.isAlwaysOn ? " Always sent at once." : ""}
        </span>
        <FormError state={state} />
      </div>
      {preference.isAlwaysOn ? (
        <span className="badge badge--info">Always on</span>
      ) : (
        <div className={styles.choices} role="radiogroup" aria-labelledby={labelId}>
          {CHOICES.map((choice) => (
            <label key={choice.value}>
              <input
                type="radio"
                name="delivery"
                value={choice.value}
                defaultChecked={preference.delivery === choice.value}
                onChange={() => formRef.current?.requestSubmit()}
              />
              {choice.label}
            </label>
          ))}
        </div>
      )}
    </form>
  );
}

/** Per kind of notification: immediately, in the daily digest, or off. */
export function PreferencesForm({ preferences, action }: { preferences: Preference[]; action: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  return (
    <div className={styles.preferences} data-testid="notification-preferences">
      {preferences.map((preference) => (
        <PreferenceRow key={preference.kind} preference={preference} action={action} />
      ))}
    </div>
  );
}
