// Validates documents against kata's schema with ajv in strict mode (every
// strict check throws, not only the defaults), as a schema-driven CI would.
//
// stdin: {"schema": {...}, "documents": [{"name": "...", "json": {...}}]}
// stdout: {"compiled": true, "results": [{"name": "...", "errors": ["/path: message"]}]}
//      or {"compiled": false, "error": "..."} when ajv refuses the schema itself.
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv = require("ajv");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const ajv = new Ajv({ strict: true, allErrors: true });
let validate;
try {
  validate = ajv.compile(input.schema);
} catch (e) {
  process.stdout.write(JSON.stringify({ compiled: false, error: String(e.message ?? e) }));
  process.exit(0);
}
const results = input.documents.map(({ name, json }) => {
  const ok = validate(json);
  const errors = ok
    ? []
    : validate.errors.map((e) => `${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`);
  return { name, errors };
});
process.stdout.write(JSON.stringify({ compiled: true, results }));
