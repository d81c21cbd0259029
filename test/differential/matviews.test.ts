import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "materialized views",
  [
    "create table posts(id serial primary key, author text, views int)",
    "insert into posts(author, views) values ('ann', 10), ('bob', 5), ('ann', 7)",
  ],
  [
    "create materialized view author_stats as select author, count(*) as posts, sum(views) as views from posts group by author",
    "select * from author_stats order by author",
    "insert into posts(author, views) values ('cyd', 1)",
    "select * from author_stats order by author",
    "refresh materialized view author_stats",
    "select * from author_stats order by author",
    "create materialized view if not exists author_stats as select 1",
    "insert into author_stats values ('x', 1, 1)",
    "update author_stats set views = 0",
    "refresh materialized view posts",
    "refresh materialized view nope",
    "refresh materialized view concurrently author_stats",
    "create unique index on author_stats(author)",
    "refresh materialized view concurrently author_stats",
    "select author, views from author_stats where views > 6 order by 1",
    "drop table author_stats",
    "drop materialized view posts",
    "drop materialized view author_stats",
    "drop materialized view if exists author_stats",
    "select * from author_stats",
    "create materialized view mv2 (who, n) as select author, count(*) from posts group by 1",
    "select * from mv2 order by 1",
    "SELECT relname, relkind FROM pg_class WHERE relname IN ('posts', 'mv2') ORDER BY 1",
  ],
);

differentialSuite(
  "integer division overflow",
  [],
  [
    "select (-2147483648)::int / -1",
    "select (-32768)::int2 / (-1)::int2",
    "select (-9223372036854775808)::int8 / -1",
    "select 7 / 2, -7 / 2, 7 / -2, 7::int8 / 2, 1 / 0, 5::int2 / 2::int2, pg_typeof(5::int2 / 2::int2), 10 % 3, -10 % 3",
    "select (-2147483648)::int % -1",
  ],
);
