import type { ReactNode } from "react";

/** A labelled control with its hint and errors underneath, wired for screen readers. */
export function Field({ id, label, hint, errors, children }: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="field__hint" id={`${id}-hint`}>{hint}</span>}
      {errors?.map((error) => (
        <span key={error} className="field__error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ))}
    </div>
  );
}

/** aria props for a control inside Field. */
export function fieldProps(id: string, errors: string[] | undefined, hasHint = false) {
  const describedBy = [errors?.length ? `${id}-error` : null, hasHint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return { id, name: id, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy || undefined };
}
