import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "domains: checks, NOT NULL and defaults where values become the domain's",
  [
    "create domain sp as integer check (value > 0 and value <= 13)",
    "create domain email as text not null constraint email_at check (value like '%@%')",
    "create domain money2 as numeric(10,2) default 0",
  ],
  [
    "create table dd (id int, p sp, e email, m money2)",
    "insert into dd values (1, 5, 'a@b', 1.234)",
    "insert into dd values (2, 20, 'a@b')",
    "insert into dd values (3, 2, 'ab')",
    "insert into dd values (4, 2, null)",
    "insert into dd (id, p, e) values (5, 3, 'x@y')",
    "select * from dd order by id",
    "select p, p + 1, p::text from dd order by id",
    "select 5::sp, 'q@q'::email",
    "select (-1)::sp",
    "select null::email",
    "update dd set p = 99 where id = 1",
    "drop domain sp",
    "drop table dd",
    "drop domain sp",
    "drop domain if exists nope",
    "drop type email",
  ],
);
