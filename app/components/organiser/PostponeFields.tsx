/** The postponement's fields on the status page: a new date and times per market day, the choice's deadline and default. */
import { useI18n } from "~/i18n/use-i18n";
import type { MessageKey } from "~/i18n/i18n";

export function PostponeFields(props: {
  days: { id: number; date: string; startsAt: string; endsAt: string }[];
  errors?: Partial<Record<"days" | "choiceDeadline" | "defaultChoice", string>>;
  values?: Record<string, string>;
}) {
  const { t, eventDate } = useI18n();
  const value = (name: string, fallback: string) => props.values?.[name] ?? fallback;
  const daysError = props.errors?.days;
  const deadlineError = props.errors?.choiceDeadline;
  return (
    <fieldset className="postpone" data-testid="postpone-fields">
      <legend>{t("status.postponeTitle")}</legend>
      <div className="postpone-days" aria-describedby={daysError ? "postpone-days-error" : undefined}>
        {props.days.map((d) => (
          <div key={d.id} className="postpone-day">
            <span>{t("status.postponeDay", { date: eventDate(d.date) })}</span>
            <label>
              {t("status.postponeNewDate")}
              <input type="date" name={`newDate-${d.id}`} defaultValue={value(`newDate-${d.id}`, "")} aria-invalid={daysError ? true : undefined} aria-describedby={daysError ? "postpone-days-error" : undefined} />
            </label>
            <label>
              {t("status.postponeStartsAt")}
              <input type="time" name={`startsAt-${d.id}`} defaultValue={value(`startsAt-${d.id}`, d.startsAt)} />
            </label>
            <label>
              {t("status.postponeEndsAt")}
              <input type="time" name={`endsAt-${d.id}`} defaultValue={value(`endsAt-${d.id}`, d.endsAt)} />
            </label>
          </div>
        ))}
      </div>
      {daysError ? (
        <p id="postpone-days-error" className="field-error" data-testid="error-days">
          {t(daysError as MessageKey)}
        </p>
      ) : null}
      <label>
        {t("status.choiceDeadline")}
        <input type="datetime-local" name="choiceDeadline" defaultValue={value("choiceDeadline", "")} aria-invalid={deadlineError ? true : undefined} aria-describedby={deadlineError ? "choice-deadline-error" : undefined} />
      </label>
      {deadlineError ? (
        <p id="choice-deadline-error" className="field-error" data-testid="error-choiceDeadline">
          {t(deadlineError as MessageKey)}
        </p>
      ) : null}
      <fieldset>
        <legend>{t("status.defaultChoice")}</legend>
        {(["keep", "refund"] as const).map((c) => (
          <label key={c} className="radio">
            <input type="radio" name="defaultChoice" value={c} defaultChecked={value("defaultChoice", "keep") === c} /> {t(c === "keep" ? "status.defaultKeep" : "status.defaultRefund")}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
