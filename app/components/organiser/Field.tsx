/** Form fields for organiser pages: label, hint, error linked for screen readers, typed value kept. */
import { useId, type ReactNode } from "react";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";

export type Errors = Record<string, string> | undefined;

export function useFieldError(errors: Errors) {
  const { t } = useI18n();
  return (name: string) => {
    const error = errors?.[name];
    if (!error) return null;
    // "organiser.errUnknownSpotCodes?codes=N-99": a message key with its parameters, as a query string.
    const [key, query] = error.split("?", 2) as [string, string | undefined];
    return t(key as MessageKey, query ? Object.fromEntries(new URLSearchParams(query)) : undefined);
  };
}

/** What a control inside a Field needs so that its label and messages point at it. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

export function Field(props: {
  name: string;
  label: string;
  errors?: Errors;
  defaultValue?: string | number | null;
  type?: string;
  required?: boolean;
  hint?: string;
  textarea?: boolean;
  rows?: number;
  inputMode?: "numeric" | "decimal" | "email" | "tel" | "text";
  autoComplete?: string;
  /** A control of its own (a select): given the id the label points at, and its descriptions. */
  children?: (control: ControlProps) => ReactNode;
}) {
  const errorOf = useFieldError(props.errors);
  const error = errorOf(props.name);
  // One page can hold many forms with the same field names (a category per row, the edition and a
  // new edition): the id must be unique on the page, or a label focuses another form's field.
  const unique = useId().replace(/[^\w-]/g, "");
  const id = `f-${props.name.replace(/[^\w-]/g, "-")}-${unique}`;
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const control: ControlProps = { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
  const common = { ...control, name: props.name, defaultValue: props.defaultValue ?? "", required: props.required };
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.children ? (
        props.children(control)
      ) : props.textarea ? (
          <textarea {...common} rows={props.rows ?? 4} />
        ) : (
          <input {...common} type={props.type ?? "text"} inputMode={props.inputMode} autoComplete={props.autoComplete} />
        )}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A summary at the top of a form that failed, so nobody misses an error further down. */
export function FormErrors({ errors, message }: { errors: Errors; message?: string | null }) {
  const { t } = useI18n();
  if (!message && (!errors || Object.keys(errors).length === 0)) return null;
  return (
    <div className="form-errors" role="alert">
      {message ? <p>{message}</p> : <p>{t("organiser.fixErrors")}</p>}
    </div>
  );
}
