import { differentialSuite } from "../support/differential.js";

// ctid's values are physical addresses on PostgreSQL, so the cases compare what does not depend on
// them: that a ctid read from a row finds that row again (Adminer edits keyless rows this way), its
// type, tid's text form, and that system columns stay out of `*`.
differentialSuite(
  "system columns ctid and tableoid, and the tid type",
  [
    "create table sc (body text, stars int)",
    "insert into sc values ('first', 1), ('second', 2), ('third', 2)",
    "create table sc_keyed (id int primary key, v text)",
    "insert into sc_keyed values (1, 'a'), (2, 'b')",
  ],
  [
    "select * from sc order by body",
    "select pg_typeof(ctid), pg_typeof(sc.tableoid), tableoid = 'sc'::regclass from sc where body = 'first'",
    "select body from sc where ctid = (select ctid from sc where stars = 2 and body = 'third' limit 1)",
    "select count(distinct ctid) from sc",
    "select a.body from sc a join sc b on a.ctid = b.ctid where b.stars = 1",
    "update sc set stars = 5 where ctid = (select ctid from sc where body = 'second' and stars = 2 limit 1)",
    "select body, stars from sc order by body",
    "delete from sc where ctid = (select ctid from sc where stars = 2 limit 1) returning body",
    "update sc_keyed k set v = 'c' where k.ctid = (select ctid from sc_keyed where id = 2) returning id, v",
    "select '(0,1)'::tid, '(4294967295,65535)'::tid, '( 3, 7)'::tid::text",
    "select '(1,x)'::tid",
    "select '(0,65536)'::tid",
  ],
);
