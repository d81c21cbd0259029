import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "row comparisons and quantified subquery comparisons",
  [
    "create table iss (id int, a text, r text, p numeric, n int)",
    "insert into iss values (1,'ann','ann',1.0,5),(2,'ann','bob',2.5,null),(3,'bob','cid',10,7),(4,null,'x',1.00,1)",
  ],
  [
    "select (1, 2) < (1, 3) as lt, (1, 2, 3) = (1, 2, 3) as eq, (2, 0) > (1, 99) as gt, (1, null) = (1, 2) as null_eq, (1, null) < (2, null) as early",
    "select id from iss where (a, r) = ('ann', 'ann')",
    "select id from iss where (a, r) in (('ann', 'bob'), ('bob', 'cid')) order by id",
    "select id from iss where (a, r) not in (('ann', 'bob'), ('bob', 'cid')) order by id",
    "select id from iss where (p, id) = (1, 1) or (p, id) = (1.000, 4) order by id",
    "select id from iss where (a, r) is distinct from ('ann', 'ann') order by id",
    "select id from iss where row(a, r) = row('bob', 'cid')",
    "select id from iss where (a, r) in (select a, r from iss where id > 1) order by id",
    "select id from iss where n > all (select n from iss where id < 3) order by id",
    "select id from iss where n > any (select n from iss where id <> 3) order by id",
    "select id, n >= all (select n from iss where n is not null) from iss order by id",
    "select id, n < any (select n from iss) from iss order by id",
    "select 5 > all (select 1 where false), 5 > any (select 1 where false)",
    "select (1, 2) = (1, 2, 3)",
  ],
);
