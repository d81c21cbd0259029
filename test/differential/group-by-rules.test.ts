import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "grouped queries use only grouped columns, as PostgreSQL requires",
  [
    "create table s (id int primary key, region text, plan text, mrr numeric(10,2), d date)",
    "create table o (id int primary key, sid int references s(id), amt int)",
    "insert into s values (1,'amer','basic',10,'2024-01-05'),(2,'amer','pro',20,'2024-02-05'),(3,'emea','basic',5,'2024-01-09')",
    "insert into o values (1,1,5),(2,1,6),(3,2,7)",
  ],
  [
    "select region, plan, sum(mrr) from s group by region",
    "select region, sum(mrr) from s group by region order by region",
    "select region as r, count(*) from s group by r order by r",
    "select date_trunc('month', d) m, count(*) from s group by date_trunc('month', d) order by 1",
    "select extract(year from d), count(*) from s group by 1",
    "select s.id, s.region, sum(o.amt) from s join o on o.sid = s.id group by s.id order by 1, 2",
    "select s.region, sum(o.amt) from s join o on o.sid = s.id group by s.id order by 1, 2",
    "select o.sid, s.region, sum(amt) from s join o on o.sid = s.id group by o.sid order by 1",
    "select count(*), region from s",
    "select region from s group by region having count(*) > 1 and plan = 'x'",
    "select region, count(*) from s group by region order by plan",
    "select region, rank() over (order by sum(mrr)) from s group by region order by 1",
    "select region, rank() over (order by plan) from s group by region",
    "select lower(region), count(*) from s group by lower(region) order by 1",
    "select upper(lower(region)) from s group by lower(region) order by 1",
    "select region || plan from s group by region, plan order by 1",
    "select (select count(*) from o where o.sid = s.id) from s group by s.id order by 1, 2",
    "select 1 from s having count(*) > 0",
    "select id from s group by region",
    "SELECT count(*) FROM o WHERE amt > 100 HAVING count(*) = 0",
  ],
);
