/** Organisers enter the programme of the day: visitors see it as "now and next" and in full. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { listEventDays } from "~/data/editions.server";
import { listLandmarks } from "~/data/layout.server";
import { listSpots } from "~/data/assignments.server";
import { createProgrammeItem, deleteProgrammeItem, listProgramme, updateProgrammeItem } from "~/data/programme.server";
import type { ProgrammeFieldErrors } from "~/forms/programme-item";
import { useI18n } from "~/i18n/use-i18n";
import { organiserEdition, requireOrganiser } from "~/services/auth.server";
import { formBody } from "~/forms/form-request.server";

export const meta: MetaFunction = () => [{ title: "Programma – SK Zomerparade" }];

export function loader({ request }: LoaderFunctionArgs) {
  requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  return json({
    days: listEventDays(edition.id).map(({ id, date }) => ({ id, date })),
    landmarks: listLandmarks(edition.id).map(({ id, nameNl, nameEn }) => ({ id, nameNl, nameEn })),
    spots: listSpots(edition.id).map(({ id, code }) => ({ id, code })),
    items: listProgramme(edition.id),
  });
}

type ActionData =
  | { ok: true; message: "organiser.programmeAdded" | "organiser.programmeSaved" | "organiser.programmeDeleted" }
  | { ok: false; itemId: number | null; errors: ProgrammeFieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  requireOrganiser(request, "review");
  const edition = organiserEdition(request);
  const form = await formBody(request);
  const intent = form.get("intent");
  const id = Number(form.get("id")) || null;
  if (intent === "delete" && id) {
    const removed = deleteProgrammeItem(edition.id, id);
    return json<ActionData>(removed ? { ok: true, message: "organiser.programmeDeleted" } : { ok: false, itemId: id, errors: { _form: "errNotFound" }, values: {} }, { status: removed ? 200 : 404 });
  }
  const result = intent === "update" && id ? updateProgrammeItem(edition.id, id, form) : createProgrammeItem(edition.id, form);
  if (!result.ok) {
    const values = Object.fromEntries([...form].map(([k, v]) => [k, String(v)]));
    return json<ActionData>({ ok: false, itemId: intent === "update" ? id : null, errors: result.errors, values }, { status: 400 });
  }
  return json<ActionData>({ ok: true, message: intent === "update" ? "organiser.programmeSaved" : "organiser.programmeAdded" });
}

export default function ProgrammeAdmin() {
  const { days, items, landmarks, spots } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t, eventDate, language } = useI18n();
  return (
    <div className="page">
      <h1>{t("organiser.programmeTitle")}</h1>
      <p>{t("organiser.programmeIntro")}</p>
      {result?.ok ? <p role="status" className="notice ok">{t(result.message)}</p> : null}
      {items.length === 0 ? <p>{t("organiser.programmeEmpty")}</p> : null}
      <ul className="programme-admin" data-testid="programme-admin">
        {items.map((item) => (
          <li key={item.id} className="card">
            <strong>
              {days.length > 1 ? `${eventDate(item.date)} ` : ""}
              {item.startsAt}
              {item.endsAt ? `–${item.endsAt}` : ""} · {language === "en" ? item.titleEn : item.titleNl}
            </strong>
            <details open={result && !result.ok && result.itemId === item.id}>
              <summary>{t("organiser.programmeEdit")}</summary>
              <ItemForm intent="update" item={item} days={days} landmarks={landmarks} spots={spots} result={result && !result.ok && result.itemId === item.id ? result : undefined} busy={busy} />
            </details>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="id" value={item.id} />
              <button type="submit" className="button small" disabled={busy}>{t("organiser.programmeDelete")}</button>
            </Form>
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="new-item">
        <h2 id="new-item">{t("organiser.programmeNew")}</h2>
        <ItemForm intent="create" days={days} landmarks={landmarks} spots={spots} result={result && !result.ok && result.itemId === null ? result : undefined} busy={busy} />
      </section>
    </div>
  );
}

type Loader = ReturnType<typeof useLoaderData<typeof loader>>;

function ItemForm(props: {
  intent: "create" | "update";
  item?: Loader["items"][number];
  days: Loader["days"];
  landmarks: Loader["landmarks"];
  spots: Loader["spots"];
  result?: Extract<ActionData, { ok: false }>;
  busy: boolean;
}) {
  const { t, eventDate, language } = useI18n();
  const typed = props.result?.values ?? {};
  const value = (name: string, fallback: string | number | null | undefined) => typed[name] ?? (fallback === null || fallback === undefined ? "" : String(fallback));
  const prefix = `p-${props.item?.id ?? "new"}`;
  const field = (name: keyof ProgrammeFieldErrors, label: Parameters<typeof t>[0], input: JSX.Element) => {
    const error = props.result?.errors[name];
    return (
      <div className="field">
        <label htmlFor={`${prefix}-${name}`}>{t(label)}</label>
        {input}
        {error ? <p className="field-error" id={`${prefix}-${name}-error`}>{t(`programme.${error}`)}</p> : null}
      </div>
    );
  };
  const invalid = (name: keyof ProgrammeFieldErrors) => (props.result?.errors[name] ? { "aria-invalid": true, "aria-describedby": `${prefix}-${name}-error` } : {});
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value={props.intent} />
      {props.item ? <input type="hidden" name="id" value={props.item.id} /> : null}
      {props.result?.errors._form ? <p className="field-error">{t(`programme.${props.result.errors._form}`)}</p> : null}
      {field("eventDayId", "organiser.programmeFieldDay", (
        <select id={`${prefix}-eventDayId`} name="eventDayId" defaultValue={value("eventDayId", props.item?.eventDayId ?? props.days[0]?.id)} {...invalid("eventDayId")}>
          {props.days.map((d) => <option key={d.id} value={d.id}>{eventDate(d.date)}</option>)}
        </select>
      ))}
      {field("startsAt", "organiser.programmeFieldStartsAt", <input id={`${prefix}-startsAt`} name="startsAt" inputMode="numeric" placeholder="14:30" defaultValue={value("startsAt", props.item?.startsAt)} {...invalid("startsAt")} />)}
      {field("endsAt", "organiser.programmeFieldEndsAt", <input id={`${prefix}-endsAt`} name="endsAt" inputMode="numeric" placeholder="15:00" defaultValue={value("endsAt", props.item?.endsAt)} {...invalid("endsAt")} />)}
      {field("titleNl", "organiser.programmeFieldTitleNl", <input id={`${prefix}-titleNl`} name="titleNl" maxLength={120} defaultValue={value("titleNl", props.item?.titleNl)} {...invalid("titleNl")} />)}
      {field("titleEn", "organiser.programmeFieldTitleEn", <input id={`${prefix}-titleEn`} name="titleEn" maxLength={120} defaultValue={value("titleEn", props.item?.titleEn)} {...invalid("titleEn")} />)}
      {field("textNl", "organiser.programmeFieldTextNl", <textarea id={`${prefix}-textNl`} name="textNl" maxLength={500} rows={2} defaultValue={value("textNl", props.item?.textNl)} {...invalid("textNl")} />)}
      {field("textEn", "organiser.programmeFieldTextEn", <textarea id={`${prefix}-textEn`} name="textEn" maxLength={500} rows={2} defaultValue={value("textEn", props.item?.textEn)} {...invalid("textEn")} />)}
      {field("landmarkId", "organiser.programmeFieldLandmark", (
        <select id={`${prefix}-landmarkId`} name="landmarkId" defaultValue={value("landmarkId", props.item?.landmarkId)} {...invalid("landmarkId")}>
          <option value="">{t("organiser.programmePlaceNone")}</option>
          {props.landmarks.map((l) => <option key={l.id} value={l.id}>{language === "en" ? l.nameEn : l.nameNl}</option>)}
        </select>
      ))}
      {field("spotId", "organiser.programmeFieldSpot", (
        <select id={`${prefix}-spotId`} name="spotId" defaultValue={value("spotId", props.item?.spotId)} {...invalid("spotId")}>
          <option value="">{t("organiser.programmePlaceNone")}</option>
          {props.spots.map((s) => <option key={s.id} value={s.id}>{s.code}</option>)}
        </select>
      ))}
      <button type="submit" className="button primary" disabled={props.busy}>{props.intent === "create" ? t("organiser.programmeAdd") : t("organiser.programmeSave")}</button>
    </Form>
  );
}
