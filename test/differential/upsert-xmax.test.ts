import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "xmax in RETURNING tells inserted rows from updated ones",
  ["CREATE TABLE kv (k text PRIMARY KEY, v int, n int DEFAULT 0)"],
  [
    "INSERT INTO kv VALUES ('a', 1) RETURNING k, xmax, (xmax = 0) AS inserted",
    `INSERT INTO kv VALUES ('a', 2), ('b', 3) ON CONFLICT (k) DO UPDATE SET v = excluded.v, n = kv.n + 1
       RETURNING k, v, n, (xmax = 0) AS inserted, xmax <> 0 AS updated`,
    "INSERT INTO kv VALUES ('a', 5) ON CONFLICT (k) DO UPDATE SET v = excluded.v WHERE kv.v > 100 RETURNING k, (xmax = 0) AS inserted",
    "INSERT INTO kv VALUES ('c', 5) ON CONFLICT (k) DO NOTHING RETURNING k, (xmax = 0) AS inserted",
    "INSERT INTO kv VALUES ('c', 6) ON CONFLICT (k) DO UPDATE SET v = 9 RETURNING xmax::text::bigint > 0 AS upd, pg_typeof(xmax)",
    "INSERT INTO kv VALUES ('d', 6) ON CONFLICT ON CONSTRAINT kv_pkey DO UPDATE SET v = 9 RETURNING (xmax = 0) AS inserted",
    "UPDATE kv SET v = 0 WHERE k = 'a' RETURNING xmax = 0",
    "SELECT xmax > 0 FROM kv",
  ],
);
