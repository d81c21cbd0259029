import { differentialSuite } from "../support/differential.js";

/** Array functions and operators (arrays.ts, arrays-common.ts) against PostgreSQL. */
differentialSuite(
  "array functions and operators match PostgreSQL",
  [
    "CREATE TABLE arr (id int PRIMARY KEY, i int[], t text[], n numeric[], m int[])",
    `INSERT INTO arr VALUES
      (1, '{1,2,3}', '{a,b,c}', '{1.5,2.50}', '{{1,2},{3,4}}'),
      (2, '{3,NULL,3}', '{é,"x y",NULL}', '{}', '{{5}}'),
      (3, '{}', '{}', NULL, '{}'),
      (4, NULL, NULL, '{NaN,-1}', NULL),
      (5, '{10,9}', '{😀}', '{0.10}', '{7,8}')`,
  ],
  [
    // comparison
    "SELECT '{1,2}'::int[] = '{1,2}', '{1,NULL}'::int[] = '{1,NULL}', '{{1,2}}'::int[] = '{1,2}', '{1,2}'::int[] < '{1,3}', '{1,2}'::int[] < '{1,2,0}', '{1,NULL}'::int[] > '{1,5}', '{2}'::int[] > '{1,9}', '{{1,2}}'::int[] < '{1,2}'",
    "SELECT '{1.0}'::numeric[] = '{1.00}', '{1,2}'::int[] <> '{1,2}', '{a,b}'::text[] >= '{a}', '{x}'::varchar[] = '{x}', '{}'::int[] = '{}', '{10}'::int[] > '{9}', '{b}'::text[] > '{ab}', '{NaN}'::float8[] > '{Infinity}'",
    "SELECT '{1}'::int[] = '{1}'::bigint[]",
    "SELECT a.id, b.id, a.i = b.i, a.i < b.i, a.t >= b.t FROM arr a, arr b WHERE a.id <= b.id ORDER BY 1, 2",
    // containment and overlap
    "SELECT '{1,2,3}'::int[] @> '{3,1}', '{1,2}'::int[] @> '{1,NULL}', '{1,NULL}'::int[] @> '{1}', '{1}'::int[] <@ '{1,2}', '{1,2}'::int[] && '{2,3}', '{1,NULL}'::int[] && '{NULL}', '{{1,2}}'::int[] @> '{2}', '{}'::int[] @> '{}'",
    "SELECT '{1.5,2}'::numeric[] @> '{2.0}', '{a,b}'::text[] && '{c}', '{é}'::text[] <@ '{é,e}', '{1,1}'::int[] @> '{1,1,1}'",
    "SELECT id, i @> '{3}', t && '{a,😀}', '{1,2,3,10}' @> i FROM arr ORDER BY id",
    // concatenation
    "SELECT '{1}'::int[] || 2, 2 || '{1}'::int[], '{1}'::int[] || '{2,3}'::int[], '{a}'::text[] || 'b'::text, '{{1,2}}'::int[] || '{3,4}'::int[], '{1,2}'::int[] || '{{3,4}}'::int[], '{{1,2}}'::int[] || '{{3,4}}'::int[]",
    "SELECT '{}'::int[] || '{{1}}'::int[], array_cat(NULL, '{1}'::int[]), array_append(NULL::int[], 1), array_prepend(1, NULL::int[]), array_cat('{1}'::int[], NULL), '{1}'::int[] || NULL::int, array_cat(NULL::int[], NULL)",
    "SELECT '{a}'::text[] || '{b}', array_append('{1.5}'::numeric[], '2.25'), array_prepend('z', '{a}'::text[]), array_cat('{{1}}'::int[], '{{2}}'::int[]), array_append('{}'::text[], NULL)",
    "SELECT array_append('{{1,2}}'::int[], 3)",
    "SELECT array_prepend(3, '{{1,2}}'::int[])",
    "SELECT '{{1,2}}'::int[] || '{3,4,5}'::int[]",
    "SELECT '{{1,2}}'::int[] || '{{{3}}}'::int[]",
    "SELECT '{{1,2}}'::int[] || '{{3}}'::int[]",
    "SELECT '{1}'::int[] || '{{{3}}}'::int[]",
    "SELECT id FROM arr WHERE 3 = ANY (i) ORDER BY id",
    "SELECT 'b'::text || '{a}'::text[], '{x}'::text[] || 'y'::varchar",
    "SELECT id, i || 99, t || '{z}'::text[], array_cat(m, m) FROM arr ORDER BY id",
    // dimensions
    "SELECT array_length('{1,2}'::int[], 1), array_length('{1,2}'::int[], 2), array_length('{}'::int[], 1), array_lower('{{1},{2}}'::int[], 2), array_upper('{{1},{2}}'::int[], 1), array_ndims('{{1},{2}}'::int[]), array_ndims('{}'::int[])",
    "SELECT array_dims('{{1},{2}}'::int[]), array_dims('{}'::int[]), array_dims('{1,2,3}'::text[]), cardinality('{{1,2},{3,4}}'::int[]), cardinality('{}'::int[]), array_lower('{1}'::int[], 0), array_upper('{}'::int[], 1)",
    "SELECT id, array_length(i, 1), array_length(m, 2), array_ndims(m), array_dims(m), cardinality(t), array_lower(m, 1), array_upper(m, 2) FROM arr ORDER BY id",
    // search and replace
    "SELECT array_remove('{1,2,NULL,2}'::int[], 2), array_remove('{1,NULL}'::int[], NULL), array_replace('{{1,2},{2,NULL}}'::int[], 2, 9), array_replace('{1,NULL}'::int[], NULL, 0), array_remove('{a,b}'::text[], 'c')",
    "SELECT array_position('{a,b,c,b}'::text[], 'b'), array_position('{a,b,c,b}'::text[], 'b', 3), array_position('{1,NULL}'::int[], NULL), array_positions('{1,2,1}'::int[], 1), array_positions('{}'::int[], 1), array_position('{1}'::int[], 5), array_positions('{NULL,1,NULL}'::int[], NULL)",
    "SELECT array_position('{1.0,2}'::numeric[], '2.00'), array_position('{é,😀}'::text[], '😀'), array_replace('{1.5,2}'::numeric[], '1.50', '9')",
    "SELECT array_remove('{{1,2}}'::int[], 1)",
    "SELECT array_position('{{1,2}}'::int[], 1)",
    "SELECT array_position('{1}'::int[], 1, NULL)",
    "SELECT array_remove(NULL::int[], 1), array_replace(NULL::int[], 1, 2), array_position(NULL::int[], 1), array_positions(NULL::int[], 1), array_length(NULL::int[], 1), cardinality(NULL::int[])",
    "SELECT id, array_remove(i, 3), array_replace(t, 'a', 'A'), array_position(i, 3), array_positions(i, 3) FROM arr ORDER BY id",
    // array_to_string
    "SELECT array_to_string('{1,NULL,3}'::int[], ','), array_to_string('{1,NULL,3}'::int[], ',', '*'), array_to_string('{{a,b},{c,d}}'::text[], '-'), array_to_string('{t,f}'::bool[], ''), array_to_string('{1,2}'::int[], NULL), array_to_string('{1,NULL}'::int[], ',', NULL)",
    "SELECT array_to_string('{1.50,NaN}'::numeric[], ' '), array_to_string('{2024-01-02}'::date[], ','), array_to_string('{\"a,b\",c}'::text[], '|'), array_to_string('{}'::int[], ','), array_to_string('{0.5,1e20}'::float8[], ';')",
    "SELECT id, array_to_string(i, '+', '?'), array_to_string(t, ''), array_to_string(n, ',') FROM arr ORDER BY id",
    // the element types that arrays store
    "SELECT '{true,false,NULL}'::bool[] = '{t,f,NULL}', '{\\\\x01}'::bytea[] || '\\x02'::bytea, array_append('{1}'::bigint[], 9007199254740993), '{2024-01-01}'::date[] || '2024-01-02'::date",
  ],
);

/**
 * Cases that need the translator's work in progress: ARRAY[...] constructors, subscripts,
 * unnest and generate_subscripts as set-returning functions in FROM and in select
 * lists, ORDER BY on arrays in the arrays' order, and the position of an error in an untyped operand (PostgreSQL
 * points at the literal, not at the operator).
 */
differentialSuite(
  "array functions and operators match PostgreSQL",
  [
    "CREATE TABLE arr (id int PRIMARY KEY, i int[])",
    "INSERT INTO arr VALUES (1, '{1,2,3}'), (2, '{10,9}'), (3, '{9}'), (4, NULL)",
  ],
  [
    "SELECT ARRAY[1, 2, 3], ARRAY['a', NULL], ARRAY[[1, 2], [3, 4]], array_length(ARRAY[1, 2], 1)",
    "SELECT i[1], i[2:3] FROM arr ORDER BY id",
    "SELECT i FROM arr ORDER BY i",
    "SELECT '{a}'::text[] || 'b'",
    "SELECT * FROM unnest('{{1,2},{3,NULL}}'::int[])",
    "SELECT unnest('{a,b}'::text[]), 1",
    "SELECT u FROM unnest('{é,😀}'::text[]) AS u",
    "SELECT * FROM unnest('{1.50,NaN}'::numeric[]) WITH ORDINALITY",
    "SELECT id, unnest(i) FROM arr ORDER BY 1, 2",
    "SELECT * FROM generate_subscripts('{a,b,c}'::text[], 1)",
    "SELECT * FROM generate_subscripts('{{1,2}}'::int[], 2, true)",
    "SELECT * FROM generate_subscripts('{}'::int[], 1)",
  ],
);
