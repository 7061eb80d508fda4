// A separate process that sends the outbox while another does: node --import tsx tests/helpers/outbox-race-worker.ts <db> <smtp url>
// It opens its own connection, says "ready", waits for "go" on stdin, sends until nothing is due, prints what it sent.
import { closeDatabase, switchDatabaseFile } from "~/data/db.server";
import { deliverDueMail } from "~/data/outbox.server";
import { smtpTransport } from "~/services/mail.server";

const [file, smtpUrl] = process.argv.slice(2);
switchDatabaseFile(file!);
const transport = smtpTransport(smtpUrl!, "zomerparade@example.org");
process.stdout.write("ready\n");
process.stdin.once("data", () => {
  void (async () => {
    let sent = 0;
    for (;;) {
      // Small batches, so both processes keep reading rows the other may be claiming.
      const round = await deliverDueMail(transport, new Date(), 5);
      sent += round.sent;
      if (round.sent === 0 && round.failed === 0) break;
    }
    process.stdout.write(`${JSON.stringify({ sent })}\n`);
    closeDatabase();
    process.exit(0);
  })();
});
