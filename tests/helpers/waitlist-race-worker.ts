// A separate process that races others on the waitlist:
//   node --import tsx tests/helpers/waitlist-race-worker.ts <db> <json step>
// It opens its own connection, says "ready", waits for "go" on stdin, takes its step, prints the result.
import { withdrawApplicationByStallholder } from "~/data/applications.server";
import { closeDatabase, switchDatabaseFile, transaction } from "~/data/db.server";
import { answerOffer } from "~/data/waitlist-answer.server";
import { expireOffers, offerFreedPlace } from "~/data/waitlist.server";

export type RaceStep =
  | { op: "withdraw"; token: string }
  | { op: "offer"; editionId: number; slotKey: string }
  | { op: "accept"; token: string; now: string }
  | { op: "expire"; now: string };

const APP_URL = "http://localhost:3000";
const [file, json] = process.argv.slice(2);
switchDatabaseFile(file!);
const step = JSON.parse(json!) as RaceStep;

function take(): unknown {
  switch (step.op) {
    case "withdraw":
      return withdrawApplicationByStallholder({ token: step.token, now: new Date(), appUrl: APP_URL }).kind;
    case "offer":
      return transaction((tx) => offerFreedPlace(tx, { editionId: step.editionId, slotKey: step.slotKey, cause: "withdrawn", now: new Date(), appUrl: APP_URL })?.applicationId ?? null);
    case "accept":
      return answerOffer({ token: step.token, answer: "accept", now: new Date(step.now), appUrl: APP_URL }).kind;
    case "expire":
      return expireOffers(new Date(step.now), APP_URL);
  }
}

process.stdout.write("ready\n");
process.stdin.once("data", () => {
  const result = take();
  process.stdout.write(`${JSON.stringify({ result })}\n`);
  closeDatabase();
  process.exit(0);
});
