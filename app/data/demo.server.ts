/**
 * The demo edition: a realistic, clearly marked market with about 60 applications in every
 * state and category, most of them on the map, and the map published. Only ever written to the
 * demo database (data/demo.db); never to DATABASE_PATH.
 */
import { and, eq } from "drizzle-orm";
import * as t from "#db/schema";
import { addDays, amsterdamMoment, localDate, nextDefaultMarketDay } from "~/rules/calendar";
import { computeFee, type ApplicantKind } from "~/rules/fees";
import { checkFit, runFrom, type FitSpot, type FitStall, type Occupancy } from "~/rules/spot-fit";
import { newAccessToken } from "./applications.server";
import { db, transaction } from "./db.server";
import { decideDeposit } from "./money.server";
import { listFeeRates } from "./editions.server";
import { createOrganiser } from "./organisers.server";
import { seedDemoProgramme } from "./programme.server";
import { createEditionWithDefaults, ensureMarket } from "./setup.server";

export const DEMO_ORGANISER = { email: "demo@zomerparade.test", password: "kraampjes-en-wafels", name: "Demo Organisator" };

/** One demo login per role, so every view of the back office can be tried without touching the database. */
export const DEMO_ACCOUNTS = [
  { ...DEMO_ORGANISER, role: "admin" },
  { email: "organisator@zomerparade.test", password: "kramen-op-de-kaart", name: "Demo Organisator (zonder beheer)", role: "organiser" },
  { email: "vrijwilliger@zomerparade.test", password: "vroeg-op-de-markt", name: "Demo Vrijwilliger", role: "volunteer" },
] as const satisfies ReadonlyArray<{ email: string; password: string; name: string; role: (typeof t.ORGANISER_ROLES)[number] }>;

/** A demo stallholder's private page, printed by `npm run demo` (never shown in the back office). */
export interface DemoPrivateLink {
  stallName: string;
  /** What the page shows, in the demo's words: e.g. "goedgekeurd en betaald". */
  situation: string;
  token: string;
}

type State = (typeof t.REVIEW_STATES)[number];

interface DemoStall {
  name: string;
  description: string;
  category: string;
  kind: ApplicantKind;
  metres?: number;
  power?: boolean;
  rent?: number;
}

// Made-up stalls: names of people are never shown publicly, so the contacts below are invented too.
const STALLS: DemoStall[] = [
  { name: "Wafels van Wim", description: "Verse Luikse wafels met slagroom of aardbeien.", category: "food", kind: "commercial", power: true },
  { name: "Soesterkwartier Soep", description: "Huisgemaakte soep van seizoensgroente uit de wijktuin.", category: "food", kind: "resident", power: true },
  { name: "Poffertjes Plein", description: "Poffertjes met roomboter en poedersuiker.", category: "food", kind: "commercial", metres: 6, power: true },
  { name: "Surinaamse Snacks", description: "Pom, roti en bakbana.", category: "food", kind: "commercial", power: true },
  { name: "Limonade van de Hoek", description: "Zelfgemaakte limonade met munt en citroen.", category: "food", kind: "resident" },
  { name: "Taartjes van Tineke", description: "Appeltaart, brownies en glutenvrije koek.", category: "food", kind: "resident", rent: 1 },
  { name: "Koffiekar De Boon", description: "Espresso en cappuccino uit een bakfiets.", category: "food", kind: "commercial", power: true },
  { name: "Falafel Fenna", description: "Falafel in pita met hummus.", category: "food", kind: "commercial", power: true },
  { name: "Keramiek Atelier Klei", description: "Handgedraaide mokken, schalen en vazen.", category: "crafts", kind: "resident", rent: 1 },
  { name: "Houtwerk Henk", description: "Snijplanken en speelgoed van resthout.", category: "crafts", kind: "resident" },
  { name: "Zeefdruk Zomer", description: "Posters en tassen, ter plekke gedrukt.", category: "crafts", kind: "commercial" },
  { name: "Gehaakt & Gebreid", description: "Mutsen, sjaals en knuffels.", category: "crafts", kind: "resident", rent: 1 },
  { name: "Sieraden van Sanne", description: "Zilveren oorbellen en kettingen.", category: "crafts", kind: "commercial" },
  { name: "Aquarel Amersfoort", description: "Schilderijen van de Amersfoortse binnenstad.", category: "crafts", kind: "resident", metres: 6 },
  { name: "Boekenkraam Bladzijde", description: "Tweedehands romans, strips en kinderboeken.", category: "second_hand", kind: "resident", metres: 6, rent: 2 },
  { name: "Zolderschatten", description: "Servies, lampen en curiosa van zolder.", category: "second_hand", kind: "resident" },
  { name: "Kinderkleding Kring", description: "Kinderkleding maat 50–176.", category: "second_hand", kind: "resident", rent: 1 },
  { name: "Platenbak", description: "Vinyl uit de jaren zestig tot negentig.", category: "second_hand", kind: "resident" },
  { name: "Fietsonderdelen Frits", description: "Gebruikte fietsonderdelen en banden.", category: "second_hand", kind: "resident" },
  { name: "Speelgoedruil", description: "Speelgoed ruilen of voor een euro meenemen.", category: "second_hand", kind: "resident" },
  { name: "Vintage Vera", description: "Vintage jurken en jassen.", category: "second_hand", kind: "resident", rent: 1 },
  { name: "Lego Lodewijk", description: "Losse Lego-stenen per schepje.", category: "second_hand", kind: "resident" },
  { name: "Bakkerij Noordewier", description: "Brood en banket van de bakker om de hoek.", category: "local_business", kind: "commercial" },
  { name: "Fietsenmaker Soesterkwartier", description: "Gratis bandjes oppompen en kleine reparaties.", category: "local_business", kind: "commercial", metres: 6 },
  { name: "Bloemenzaak Primula", description: "Zomerboeketten en plantjes.", category: "local_business", kind: "commercial" },
  { name: "Kapsalon Knip", description: "Vlechtjes en glitters voor kinderen.", category: "local_business", kind: "commercial", power: true },
  { name: "Wijkwinkel Merwede", description: "Streekproducten en honing.", category: "local_business", kind: "commercial" },
  { name: "Yogastudio Adem", description: "Proeflessen en informatie.", category: "local_business", kind: "commercial" },
  { name: "Repair Café Soesterkwartier", description: "Neem kapotte spullen mee, wij repareren samen.", category: "association", kind: "non_profit", power: true },
  { name: "Duurzaam Soesterkwartier", description: "Over de wijktuin, zonnepanelen en groene daken.", category: "association", kind: "non_profit" },
  { name: "Voedselbank Amersfoort", description: "Informatie en inzameling van houdbaar voedsel.", category: "association", kind: "non_profit" },
  { name: "Scouting Soest-Noord", description: "Spelletjes en informatie over de scouting.", category: "association", kind: "non_profit" },
  { name: "Buurtbus Vrijwilligers", description: "Word chauffeur van de buurtbus.", category: "association", kind: "non_profit" },
  { name: "Muziekvereniging Harmonie", description: "Optredens en proeflessen blaasinstrumenten.", category: "association", kind: "non_profit" },
  { name: "Wijkagent en Buurtpreventie", description: "Vragen over veiligheid in de wijk.", category: "information", kind: "non_profit" },
  { name: "Gemeente Amersfoort – Wijkteam", description: "Informatie over plannen voor het Soesterkwartier.", category: "information", kind: "non_profit" },
  { name: "Energiecoach", description: "Tips om energie te besparen.", category: "information", kind: "non_profit" },
  { name: "Bibliotheek Eemland", description: "Voorlezen en informatie over de bieb.", category: "information", kind: "non_profit" },
  { name: "Schminken met Sam", description: "Kinderen schminken als tijger of vlinder.", category: "children", kind: "resident" },
  { name: "Springkussen Soest", description: "Springkussen voor kinderen tot 10 jaar.", category: "children", kind: "commercial", metres: 6, power: true },
  { name: "Knutseltafel", description: "Knutselen met kosteloos materiaal.", category: "children", kind: "non_profit" },
  { name: "Ballonnen Bart", description: "Ballonfiguren maken.", category: "children", kind: "resident" },
  { name: "Sjoelen en Spelletjes", description: "Oudhollandse spelletjes.", category: "children", kind: "non_profit" },
  { name: "Kaashandel Gouda", description: "Boerenkaas en oude kaas.", category: "market_trader", kind: "commercial", metres: 6, power: true },
  { name: "Noten & Zuidvruchten", description: "Noten, gedroogd fruit en olijven.", category: "market_trader", kind: "commercial" },
  { name: "Stoffen Sientje", description: "Stoffen per meter en fournituren.", category: "market_trader", kind: "commercial", metres: 6 },
  { name: "Vis van Volendam", description: "Kibbeling en haring.", category: "market_trader", kind: "commercial", power: true },
  { name: "Telefoonhoesjes Tom", description: "Hoesjes en opladers.", category: "market_trader", kind: "commercial" },
  { name: "Sokken & Zo", description: "Sokken, ondergoed en zakdoeken.", category: "market_trader", kind: "commercial" },
  { name: "Kruiden van Karin", description: "Verse kruiden en moestuinplantjes.", category: "market_trader", kind: "commercial" },
  { name: "Oliebollen Out of Season", description: "Oliebollen, ook in de zomer.", category: "food", kind: "commercial", power: true },
  { name: "IJs van de Eem", description: "Ambachtelijk schepijs.", category: "food", kind: "commercial", power: true },
  { name: "Mozaïek Mila", description: "Mozaïektegels en workshops.", category: "crafts", kind: "resident" },
  { name: "Kaarsen Kees", description: "Kaarsen van bijenwas.", category: "crafts", kind: "resident" },
  { name: "Buurtkeuken", description: "Gerechten uit de hele wereld, gekookt door buren.", category: "food", kind: "non_profit", power: true },
  { name: "Ruilkast Soesterkwartier", description: "Kleding en boeken ruilen.", category: "second_hand", kind: "resident" },
  { name: "Fotograaf Femke", description: "Portretten voor 5 euro.", category: "local_business", kind: "commercial" },
  { name: "EHBO-vereniging", description: "Informatie over cursussen eerste hulp.", category: "information", kind: "non_profit" },
  { name: "Dierenasiel De Hof", description: "Informatie en knuffels voor het goede doel.", category: "association", kind: "non_profit" },
  { name: "Planten Stekjesmarkt", description: "Stekjes ruilen en kopen.", category: "second_hand", kind: "resident" },
];

const DEMO_STATE_WORDS: Record<State, string> = {
  submitted: "ingediend, wacht op beoordeling",
  approved: "goedgekeurd",
  waitlisted: "op de wachtlijst",
  rejected: "afgewezen",
  withdrawn: "ingetrokken door de standhouder",
  cancelled: "geannuleerd",
};

/** Which state each application gets, in order: mostly approved, some in every other state. */
function stateFor(index: number): State {
  const pattern: State[] = ["submitted", "waitlisted", "rejected", "withdrawn", "cancelled"];
  // The first 44 are approved; the rest cycle through the other states.
  return index < 44 ? "approved" : (pattern[(index - 44) % pattern.length] ?? "submitted");
}

const FIRST_NAMES = ["Anna", "Bram", "Chantal", "Daan", "Esra", "Fleur", "Gijs", "Hanna", "Ilse", "Jeroen", "Kim", "Luuk", "Mo", "Noor", "Olaf", "Priya", "Quinten", "Roos", "Sem", "Tess"];
const LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Yılmaz", "Bos", "Vos", "Peters", "Hendriks", "van Dijk"];

export async function seedDemo(now: Date) {
  const accounts = [];
  for (const account of DEMO_ACCOUNTS) {
    const made = await createOrganiser(account);
    if (!made.ok) throw new Error(`demo ${account.role}: ${made.problem}`);
    accounts.push(made.organiser);
  }
  const created = { organiser: accounts[0]! };

  return transaction((tx) => {
    const market = ensureMarket(tx);
    const marketDay = nextDefaultMarketDay(localDate(now));
    const year = Number(marketDay.slice(0, 4));
    const { edition, days, categories, spots } = createEditionWithDefaults(tx, {
      marketId: market.id,
      year,
      nameNl: `SK Zomerparade ${year} (demo)`,
      nameEn: `SK Zomerparade ${year} (demo)`,
      isDemo: true,
      days: [{ date: marketDay, startsAt: "12:00", endsAt: "18:00" }],
      applicationsOpenAt: amsterdamMoment(addDays(localDate(now), -30), "09:00"),
      applicationsCloseAt: amsterdamMoment(addDays(marketDay, -35), "23:59"),
      paymentDeadline: amsterdamMoment(addDays(marketDay, -21), "23:59"),
    });
    const day = days[0]!;
    const rates = listFeeRates(edition.id, tx);
    const categoryByKey = new Map(categories.map((c) => [c.key, c]));

    // Spots in walking order per side. Stalls are placed as an organiser would: by the map
    // editor's own rules (a run of adjacent spots for wide stalls, power where it is needed, no
    // two of a kind side by side when it can be helped), spreading out along the street.
    const fitSpots = spots
      .map((spot) => ({ id: spot.id, code: spot.code, side: spot.side, alongM: spot.alongM, widthCm: spot.widthCm, depthCm: spot.depthCm, hasElectricity: spot.hasElectricity, kind: spot.kind }))
      .sort((a, b) => (a.side ?? "").localeCompare(b.side ?? "") || a.alongM - b.alongM);
    const occupancy: Occupancy = new Map();
    let cursor = 0;
    const placeStall = (stall: FitStall): FitSpot[] | null => {
      let fallback: FitSpot[] | null = null;
      for (let step = 0; step < fitSpots.length; step++) {
        const start = fitSpots[(cursor + step) % fitSpots.length]!;
        if (start.kind !== "stall" || occupancy.has(start.id)) continue;
        const run = runFrom(start, stall, fitSpots, occupancy);
        const fit = checkFit(stall, run, day.id, occupancy, fitSpots);
        if (fit.hard.length > 0 || fit.warnings.some((w) => w.code !== "same_category_neighbour")) continue;
        if (fit.warnings.length === 0) {
          cursor = (cursor + step + run.length) % fitSpots.length;
          return run;
        }
        fallback ??= run;
      }
      return fallback;
    };

    const privateLinks: DemoPrivateLink[] = [];
    const noteLink = (situation: string, stallName: string, token: string) => {
      if (!privateLinks.some((link) => link.situation === situation)) privateLinks.push({ situation, stallName, token });
    };

    STALLS.forEach((stall, index) => {
      const state = stateFor(index);
      const category = categoryByKey.get(stall.category)!;
      const frontageCm = (stall.metres ?? 3) * 100;
      const fee = computeFee(
        {
          applicantKind: stall.kind,
          frontageCm,
          needsElectricity: stall.power ?? false,
          rentedStalls: stall.rent ?? 0,
          dayCount: 1,
          stallUnitCm: edition.stallUnitCm,
          categoryIsFree: category.isFree,
        },
        rates,
      );
      const paid = state === "approved" && !fee.free && index % 6 !== 5;
      const paymentState = fee.free ? "not_required" : paid ? "paid" : "pending";
      const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
      const last = LAST_NAMES[(index * 7) % LAST_NAMES.length]!;
      const application = tx
        .insert(t.applications)
        .values({
          editionId: edition.id,
          accessToken: newAccessToken(),
          language: index % 5 === 4 ? "en" : "nl",
          stallName: stall.name,
          description: stall.description,
          categoryId: category.id,
          contactName: `${first} ${last}`,
          email: `${first.toLowerCase()}.${index}@example.org`,
          phone: `06 ${String(10000000 + index * 7919).slice(0, 8)}`,
          postcode: stall.kind === "resident" ? "3812 AB" : null,
          applicantKind: stall.kind,
          kvkNumber: stall.kind === "commercial" ? String(80000000 + index * 1237).slice(0, 8) : null,
          frontageCm,
          depthCm: 300,
          needsElectricity: stall.power ?? false,
          electricityWatts: stall.power ? 2000 : null,
          rentedStalls: stall.rent ?? 0,
          consentedAt: now,
          reviewState: state,
          reviewReason: state === "rejected" ? "Er zijn al genoeg kramen in deze categorie." : "",
          paymentState,
          feeBreakdownJson: JSON.stringify(fee),
          feeTotalCents: fee.totalCents,
          createdAt: new Date(now.getTime() - (STALLS.length - index) * 3_600_000),
        })
        .returning()
        .get();
      tx.insert(t.applicationDays).values({ applicationId: application.id, eventDayId: day.id }).run();
      const situation =
        state === "approved" ? (fee.free ? "goedgekeurd, gratis" : paid ? "goedgekeurd en betaald" : "goedgekeurd, nog te betalen") : DEMO_STATE_WORDS[state];
      noteLink(situation, stall.name, application.accessToken);

      if (paid) {
        tx.insert(t.payments)
          .values({
            applicationId: application.id,
            method: index % 4 === 0 ? "cash" : "stripe",
            status: "succeeded",
            amountCents: fee.totalCents,
            stripeCheckoutSessionId: index % 4 === 0 ? null : `cs_demo_${application.id}`,
            stripePaymentIntentId: index % 4 === 0 ? null : `pi_demo_${application.id}`,
            paidAt: now,
            recordedBy: index % 4 === 0 ? "organiser" : "stripe_webhook",
            recordedByOrganiserId: index % 4 === 0 ? created.organiser.id : null,
          })
          .run();
      }

      // Most approved stalls stand on the map; a few are left for the organisers to place.
      if (state === "approved" && index % 11 !== 10) {
        const run = placeStall({
          applicationId: application.id,
          stallName: stall.name,
          frontageCm,
          depthCm: 300,
          needsElectricity: stall.power ?? false,
          categoryKey: stall.category,
          dayIds: [day.id],
        });
        if (run) {
          for (const spot of run) occupancy.set(spot.id, { applicationId: application.id, stallName: stall.name, categoryKey: stall.category });
          const assignment = tx
            .insert(t.stallAssignments)
            .values({ applicationId: application.id, eventDayId: day.id })
            .returning()
            .get();
          for (const spot of run) {
            tx.insert(t.assignmentSpots).values({ assignmentId: assignment.id, eventDayId: day.id, spotId: spot.id }).run();
          }
          // Leave a free spot now and then, as on a real street.
          if (index % 4 === 3) cursor = (cursor + 1) % fitSpots.length;
        }
      }
    });

    tx.update(t.editions).set({ mapPublishedAt: now }).run();
    seedDemoProgramme(tx, edition.id);
    return { editionId: edition.id, applications: STALLS.length, privateLinks };
  });
}

/**
 * Screenshots only (scripts/screenshots.ts --deposit): the demo edition asks a € 25 deposit; the
 * paid stalls paid it with their fee, one was marked left clean and one kept (with a reason).
 * The ordinary demo (and the tests on it) stays without a deposit.
 */
export function seedDemoDeposit(now: Date) {
  const conn = db();
  const edition = conn.select().from(t.editions).where(eq(t.editions.isDemo, true)).get();
  if (!edition) return;
  const cents = 2500;
  conn.update(t.editions).set({ depositCents: cents }).where(eq(t.editions.id, edition.id)).run();
  const paid = conn.select().from(t.applications).where(and(eq(t.applications.editionId, edition.id), eq(t.applications.paymentState, "paid"))).all();
  for (const app of paid) {
    const fee = JSON.parse(app.feeBreakdownJson) as { lines: unknown[]; totalCents: number };
    fee.lines.push({ kind: "deposit", quantity: 1, unitCents: cents, days: 1, totalCents: cents });
    fee.totalCents += cents;
    conn.update(t.applications).set({ feeBreakdownJson: JSON.stringify(fee), feeTotalCents: app.feeTotalCents + cents }).where(eq(t.applications.id, app.id)).run();
    const payment = conn.select().from(t.payments).where(eq(t.payments.applicationId, app.id)).get();
    if (payment) conn.update(t.payments).set({ amountCents: payment.amountCents + cents }).where(eq(t.payments.id, payment.id)).run();
  }
  const organiser = conn.select().from(t.organisers).where(eq(t.organisers.role, "organiser")).get();
  if (!organiser) return;
  const [released, kept] = paid;
  if (released) decideDeposit({ applicationId: released.id, editionId: edition.id, action: "release", reason: "", organiser: { id: organiser.id, role: "organiser" }, now });
  if (kept) decideDeposit({ applicationId: kept.id, editionId: edition.id, action: "keep", reason: "Frituurvet op de straat achtergelaten.", organiser: { id: organiser.id, role: "organiser" }, now });
  return { released: released?.accessToken, kept: kept?.accessToken, held: paid[2]?.accessToken };
}

