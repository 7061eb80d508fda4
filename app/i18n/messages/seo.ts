import { defineMessages } from "../define";

/**
 * The description of each public page for search engines and link previews. Only the server
 * uses these (loaders put the one sentence for the page's language in their data), so they are
 * not in any browser bundle.
 */
export const seo = defineMessages(
  {
    home: "De straatmarkt van het Soesterkwartier op de Noordewierweg in Amersfoort: de marktdagen en tijden, de plattegrond met alle kramen en hoe je zelf een kraam aanvraagt.",
    map: "Plattegrond van de Noordewierweg met alle kramen van de markt: zoek een kraam op naam of soort en zie waar hij staat, met het podium, de EHBO en de toiletten erbij.",
    apply: "Meld je aan voor een kraam op de SK Zomerparade: vul in wat je verkoopt en wat je kraam nodig heeft, zie meteen wat het kost en volg je aanmelding via je eigen link.",
    programme: "Wat er wanneer te doen is op de SK Zomerparade: optredens op het podium en activiteiten rond de markt, per marktdag.",
    marketRules: "De marktregels van de SK Zomerparade, zoals de organisatie ze voor deze editie heeft opgesteld: waar je je als kraamhouder aan houdt.",
    privacy: "Welke gegevens de SK Zomerparade vraagt als je een kraam aanvraagt, wat daarvan openbaar wordt, hoe lang we ze bewaren en wat je rechten zijn.",
    openData: "De plattegrond van de SK Zomerparade als open data: het adres van het GeoJSON-bestand, wat elk veld betekent, de licentie en een voorbeeld.",
    lostLink: "Ben je de link naar je aanmelding voor een kraam kwijt? Vul je e-mailadres in en we mailen je de links naar al je aanmeldingen opnieuw.",
  },
  {
    home: "The Soesterkwartier street market on the Noordewierweg in Amersfoort: the market days and times, the map of all stalls, and how to apply for a stall of your own.",
    map: "Map of the Noordewierweg with every stall at the market: search for a stall by name or kind and see where it stands, with the stage, first aid and toilets.",
    apply: "Apply for a stall at the SK Zomerparade: say what you sell and what your stall needs, see straight away what it costs, and follow your application through your own link.",
    programme: "What is on when at the SK Zomerparade: performances on the stage and activities around the market, day by day.",
    marketRules: "The market rules of the SK Zomerparade, as the organisers set them for this edition: what you agree to as a stallholder.",
    privacy: "What data the SK Zomerparade asks for when you apply for a stall, what of it becomes public, how long we keep it, and what your rights are.",
    openData: "The SK Zomerparade map as open data: the address of the GeoJSON file, what each field means, the licence and an example.",
    lostLink: "Lost the link to your stall application? Enter your e-mail address and we will e-mail you the links to all your applications again.",
  },
);
