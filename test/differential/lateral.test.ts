import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "LATERAL subqueries; min and max of interval, jsonb, arrays and varchar; float sums",
  [
    "create table u (id int primary key, name text)",
    "create table o (id int primary key, uid int, amt numeric(10,2), at date, data bytea, j jsonb)",
    "insert into u values (1,'a'),(2,'b'),(3,'c')",
    "insert into o values (1,1,10,'2024-01-01','\\x01','{\"a\": 1}'),(2,1,20,'2024-01-02',null,'[1, 2]'),(3,1,5,'2024-01-03',null,null),(4,2,7,'2024-01-01','\\xff00',null)",
  ],
  [
    "select u.name, x.amt, x.at from u, lateral (select amt, at from o where o.uid = u.id order by at desc limit 2) x order by 1, 3",
    "select u.name, x.amt from u left join lateral (select amt from o where o.uid = u.id order by amt desc limit 1) x on true order by 1",
    "select u.name, x.total from u cross join lateral (select sum(amt) as total, count(*) as n from o where o.uid = u.id) x order by 1",
    "select u.name, x.data, x.j from u join lateral (select data, j from o where o.uid = u.id and (data is not null or j is not null) order by id) x on true order by 1, 2",
    "select max(i), min(i) from (values (interval '1 day'), (interval '25 hours'), (interval '1 month')) v(i)",
    "select max(j), min(j) from (values ('{\"a\":1}'::jsonb), ('[1,2]'::jsonb), ('3'::jsonb)) v(j)",
    "select max(a), min(a) from (values (array[1,2]), (array[1,10]), (array[2])) v(a)",
    "select max(name::varchar) from u",
    "select sum(x::float8), avg(x::float8) from (values (0.1), (0.2), (0.3)) v(x)",
    "select sum(x::float4) from (values (0.1), (0.2), (0.3)) v(x)",
  ],
);
