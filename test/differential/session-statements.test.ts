import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "PREPARE, EXECUTE and DEALLOCATE match PostgreSQL",
  [
    "CREATE TABLE p (id integer PRIMARY KEY, name text)",
    "INSERT INTO p VALUES (1, 'one'), (2, 'two'), (3, 'three')",
  ],
  [
    "PREPARE get (integer) AS SELECT name FROM p WHERE id = $1",
    "EXECUTE get(2)",
    "EXECUTE get('3')",
    "PREPARE ins (integer, text) AS INSERT INTO p VALUES ($1, $2) RETURNING id",
    "EXECUTE ins(4, 'four')",
    "EXECUTE ins(1, 'dup')",
    "EXECUTE get(1, 2)",
    "EXECUTE nope",
    "PREPARE get AS SELECT 1",
    "PREPARE two AS SELECT count(*) FROM p",
    "EXECUTE two",
    "DEALLOCATE get",
    "EXECUTE get(1)",
    "DEALLOCATE get",
    "DEALLOCATE ALL",
    "EXECUTE two",
    "LISTEN jobs",
    "NOTIFY jobs, 'hello'",
    "UNLISTEN jobs",
    "UNLISTEN *",
    "SELECT pg_notify('jobs', 'x')",
  ],
);
