// Runs the SQL corpus (test/corpus/<tier>/*.sql) against the reference PostgreSQL and a
// Tenantgres server, statement by statement, and prints each tier's match rate and the
// statements that differ.
//
//   npm run corpus                       # starts a server from dist/ in a temporary directory
//   npm run corpus -- --port 6543        # uses a server already listening on 127.0.0.1:6543
//   npm run corpus -- --json out.json    # also writes every statement's outcome
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { corpusScripts, runScript, type StatementResult, scores } from "../test/support/corpus.js";
import { startServer } from "../test/support/server.js";

const { values, positionals } = parseArgs({
  options: {
    port: { type: "string" },
    json: { type: "string" },
    quiet: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

const server = values.port ? undefined : await startServer();
const target = { host: "127.0.0.1", port: values.port ? Number(values.port) : server!.port };
const results: StatementResult[] = [];
try {
  for (const { tier, path } of corpusScripts(positionals[0] ?? "test/corpus")) {
    results.push(...(await runScript(tier, path, target)));
  }
} finally {
  await server?.stop();
}

if (!values.quiet) {
  for (const r of results.filter((x) => !x.matches)) {
    console.log(`--- ${r.tier}/${r.script} #${r.index}: ${r.sql.replace(/\s+/g, " ").slice(0, 300)}`);
    console.log(`  postgres:  ${JSON.stringify(r.theirs).slice(0, 400)}`);
    console.log(`  tenantgres: ${JSON.stringify(r.ours).slice(0, 400)}`);
  }
}
for (const s of scores(results)) {
  console.log(`${s.tier}: ${s.matching}/${s.statements} statements match (${s.percent.toFixed(1)}%)`);
}
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
