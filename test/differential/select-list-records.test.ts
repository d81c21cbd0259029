import { differentialSuite } from "../support/differential.js";

// A set-returning function of several columns in a select list gives a record, and (f(...)).field
// or (subquery.column).field reads its fields: pgJDBC's getPrimaryKeys and getIndexInfo select
// information_schema._pg_expandarray(indkey) this way. Comparisons of enum values read back in a
// view's definition as PostgreSQL prints them (SQLAlchemy's get_view_definition).
differentialSuite(
  "records of set-returning functions in a select list, and enum comparisons in view definitions",
  [
    "create type level as enum ('low', 'mid', 'high')",
    "create table jobs (id int primary key, title text, lvl level, tags text[])",
    "insert into jobs values (1, 'a b', 'low', '{x,y}'), (2, 'c', 'high', '{}')",
    "create index jobs_title on jobs (title, lvl)",
    "create view urgent as select id, title from jobs where lvl = 'high' or lvl > 'mid' and lvl <> 'low'",
  ],
  [
    "select information_schema._pg_expandarray(array['a b', 'c', null, '', 'x\"y', 'p,q'])",
    "select information_schema._pg_expandarray(array[true, false])",
    "select (information_schema._pg_expandarray(array[5, 6])).n, (information_schema._pg_expandarray(array[5, 6])).x",
    "select * from information_schema._pg_expandarray(array[3, 4])",
    "select id, (information_schema._pg_expandarray(tags)).x from jobs order by 1, 2",
    `select r.k, (r.keys).x as attnum, (r.keys).n as position
       from (select c.relname as k, information_schema._pg_expandarray(i.indkey) as keys
               from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = 'jobs_title') r
      order by position`,
    `select (s.r).x, (s.r).n
       from (select information_schema._pg_expandarray(array['a b', null, '', 'x"y', 'p,q', 'back\\slash', '(z)']) r) s`,
    "select (s.r).x and true from (select information_schema._pg_expandarray(array[true, null, false]) r) s",
    'select json_each(\'{"a": 1, "b": "x y"}\'), generate_series(1, 3)',
    'select (jsonb_each(\'{"a": {"k": [1, 2]}}\')).value',
    "select (information_schema._pg_expandarray(array[1])).nope",
    "select pg_get_viewdef('urgent'::regclass, true)",
    "select definition from pg_views where viewname = 'urgent'",
  ],
);
