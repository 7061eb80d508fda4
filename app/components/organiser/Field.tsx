/** Form fields for organiser pages: label, hint, error linked for screen readers, typed value kept. */
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n/i18n";
import { useI18n } from "~/i18n/use-i18n";

export type Errors = Record<string, string> | undefined;

export function useFieldError(errors: Errors) {
  const { t } = useI18n();
  return (name: string) => (errors?.[name] ? t(errors[name] as MessageKey) : null);
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
  children?: ReactNode;
}) {
  const errorOf = useFieldError(props.errors);
  const error = errorOf(props.name);
  const id = `f-${props.name.replace(/[^\w-]/g, "-")}`;
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: props.name,
    defaultValue: props.defaultValue ?? "",
    required: props.required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.children ??
        (props.textarea ? (
          <textarea {...common} rows={props.rows ?? 4} />
        ) : (
          <input {...common} type={props.type ?? "text"} inputMode={props.inputMode} autoComplete={props.autoComplete} />
        ))}
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
