import { readFileSync, writeFileSync } from "node:fs";
import { docsTables, withTable } from "./docs-tables.js";

for (const table of docsTables()) {
  const url = new URL(`../${table.file}`, import.meta.url);
  writeFileSync(url, withTable(readFileSync(url, "utf8"), table));
  console.log(`${table.file}: ${table.name}`);
}
