// Validates an OpenAPI document (file path argument) against the OpenAPI 3.1 JSON schema.
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
const validator = new Validator();
const result = await validator.validate(file);
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
if (validator.version !== "3.1") {
  console.error(`expected OpenAPI 3.1, got ${validator.version}`);
  process.exit(1);
}
const paths = Object.keys(validator.specification.paths);
console.log(`openapi.json is valid OpenAPI ${validator.version} with ${paths.length} paths`);

// The statistics route carries its own response schema (docs/PRODUCT.md §10).
const stats = validator.specification.paths["/review/stats"]?.get;
const statsRef = stats?.responses?.["200"]?.content?.["application/json"]?.schema?.$ref;
const statsSchema = validator.specification.components.schemas.Stats;
const wanted = ["asOf", "byStatus", "byProvince", "approvalsByMonth", "medianReviewDays"];
if (statsRef !== "#/components/schemas/Stats" || !wanted.every((m) => statsSchema?.required?.includes(m))) {
  console.error("GET /review/stats must answer the Stats schema with " + wanted.join(", "));
  process.exit(1);
}
console.log("GET /review/stats answers the Stats schema");
