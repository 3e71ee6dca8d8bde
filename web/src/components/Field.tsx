"use client";
/**
 * Labelled form controls with an error line tied to the control (`aria-describedby`, `aria-invalid`), so screen
 * readers read the error with the field. `error` is shown as given (already in the user's language).
 */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

interface FieldFrameProps {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}

function FieldFrame({ label, error, hint, className, children }: FieldFrameProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint ? <span id={hintId} className="field-hint">{hint}</span> : null}
      {error ? <span id={errorId} className="field-error">{error}</span> : null}
    </div>
  );
}

type Common = { label: string; error?: string; hint?: string; className?: string };

/** A labelled `<input>`. */
export function TextField({ label, error, hint, className, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return <FieldFrame label={label} error={error} hint={hint} className={className}>{(a11y) => <input {...input} {...a11y} />}</FieldFrame>;
}

/** A labelled `<textarea>`. */
export function TextAreaField({ label, error, hint, className, ...textarea }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <FieldFrame label={label} error={error} hint={hint} className={className}>{(a11y) => <textarea {...textarea} {...a11y} />}</FieldFrame>;
}

/** A labelled `<select>`. */
export function SelectField({ label, error, hint, className, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className}>
      {(a11y) => (
        <select {...select} {...a11y}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}
