// Validates Grafana dashboard JSON files against Grafana's own TypeScript types for dashboards
// (@grafana/schema, raw/dashboard/x/types.gen.d.ts: the "Dashboard" interface), turned into a JSON Schema by
// ts-json-schema-generator and checked with ajv. Usage: node validate-dashboards.mjs FILE.json...
// Exit code 0 when every file validates; 1 with every error (path and message) otherwise.
import { createGenerator } from "ts-json-schema-generator";
import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const types = join(here, "node_modules/@grafana/schema/dist/types/raw/dashboard/x/types.gen.d.ts");
const schema = createGenerator({ path: types, type: "Dashboard", skipTypeCheck: true, additionalProperties: true })
  .createSchema("Dashboard");
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

let failed = 0;
for (const file of process.argv.slice(2)) {
  const dashboard = JSON.parse(readFileSync(file, "utf8"));
  if (validate(dashboard)) {
    console.log(`OK ${file}`);
  } else {
    failed++;
    for (const error of validate.errors) {
      console.log(`INVALID ${file}: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}
process.exit(failed === 0 ? 0 : 1);
