// A separate process that races others to assign: node --import tsx tests/helpers/assign-race-worker.ts <db> <json input>
// It opens its own connection, says "ready", waits for "go" on stdin, assigns, prints the result.
import { assignStall, type AssignInput } from "~/data/assignments.server";
import { closeDatabase, switchDatabaseFile } from "~/data/db.server";

const [file, json] = process.argv.slice(2);
switchDatabaseFile(file!);
const input = JSON.parse(json!) as AssignInput;
process.stdout.write("ready\n");
process.stdin.once("data", () => {
  const result = assignStall(input);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  closeDatabase();
  process.exit(0);
});
