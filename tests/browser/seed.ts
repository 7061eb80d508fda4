// Fills a fresh database with the demo edition for the browser tests: node --import tsx tests/browser/seed.ts <file>
import { closeDatabase, switchDatabaseFile } from "~/data/db.server";
import { seedDemo } from "~/data/demo.server";

const file = process.argv[2];
if (!file) throw new Error("usage: tests/browser/seed.ts <database file>");
switchDatabaseFile(file);
await seedDemo(new Date());
closeDatabase();
