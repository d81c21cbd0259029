import { differentialSuite } from "../support/differential.js";

/** SQL/JSON path functions and operators (jsonpath.ts, jsonpath-exec.ts) against PostgreSQL. */
differentialSuite(
  "jsonpath queries match PostgreSQL",
  [
    "CREATE TABLE docs (id int PRIMARY KEY, body jsonb)",
    `INSERT INTO docs VALUES
      (1, '{"a": 1, "items": [{"sku": "x", "qty": 2, "price": 9.5}, {"sku": "y", "qty": 5}], "tags": ["p", "q"], "n": null}'),
      (2, '{"a": 2, "items": [], "tags": ["q"], "nested": {"deep": {"v": "z"}}}'),
      (3, '[1, 2, 3]'),
      (4, NULL)`,
  ],
  [
    "SELECT id, jsonb_path_query_first(body, '$.a'), jsonb_path_exists(body, '$.items[*] ? (@.qty > 3)') FROM docs ORDER BY id",
    "SELECT id, jsonb_path_query_array(body, '$.items[*].sku'), jsonb_path_query_array(body, '$.tags[last]'), jsonb_path_query_array(body, '$.items.sku') FROM docs ORDER BY id",
    "SELECT d.id, q FROM docs d, jsonb_path_query(d.body, '$.items[*] ? (@.qty >= 2 && @.sku != \"y\").price') AS q ORDER BY 1",
    "SELECT jsonb_path_query(body, '$[*] ? (@ > 1)') FROM docs WHERE id = 3",
    "SELECT id, jsonb_path_query_array(body, '$.items[0 to 1].qty'), jsonb_path_match(body, '$.a == 1') FROM docs WHERE id < 3 ORDER BY id",
    "SELECT id, body @? '$.tags[*] ? (@ == \"q\")', body @@ '$.a > 1' FROM docs ORDER BY id",
    "SELECT id, jsonb_path_query_array(body, '$.items.size()'), jsonb_path_query_array(body, '$.*.type()') FROM docs WHERE id < 3 ORDER BY id",
    "SELECT id, jsonb_path_query_array(body, '$.items[*] ? (@.qty > $min).sku', '{\"min\": 3}') FROM docs WHERE id = 1",
    "SELECT id, jsonb_path_query_first(body, '$.nested.deep.v'), jsonb_path_query_first(body, '$.\"nested\".*.v') FROM docs ORDER BY id",
    "SELECT jsonb_path_exists(body, 'strict $.nope') FROM docs WHERE id = 1",
    "SELECT jsonb_path_exists(body, 'strict $.nope', '{}', true), jsonb_path_exists(body, 'lax $.nope') FROM docs WHERE id = 1",
    "SELECT jsonb_path_query_array(body, '$.items[*] ? (exists(@.price)).sku'), jsonb_path_query_array(body, '$.items[*] ? (!(@.qty < 3) || @.sku == \"x\").sku') FROM docs WHERE id = 1",
    "SELECT id FROM docs WHERE jsonb_path_exists(body, '$.tags[*] ? (@ == \"p\")') ORDER BY id",
    "SELECT jsonb_path_match(body, '$.a') FROM docs WHERE id = 1",
  ],
);
