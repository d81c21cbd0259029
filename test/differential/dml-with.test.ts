import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "WITH queries in subqueries and views with their column types",
  [
    "create table products (id serial primary key, sku text, price numeric(10,2))",
    "create table order_items (id serial, product_id int references products(id), qty int)",
    "insert into products (sku, price) values ('a', 1.50), ('b', 2.25), ('c', 10)",
    "insert into order_items (product_id, qty) values (1, 2), (1, 3), (2, 1)",
  ],
  [
    "with recursive sub as (select 1 as id union all select id + 1 from sub where id < 3) select sku from products where id in (select id from sub) order by 1",
    "with s as (select product_id, sum(qty) q from order_items group by 1) select p.sku, s.q from products p join s on s.product_id = p.id where s.q > (select avg(q) from s)",
    "create view totals as select p.sku, sum(oi.qty * p.price) as total, count(*) as n, max(p.sku) as m from products p join order_items oi on oi.product_id = p.id group by p.sku",
    "select * from totals order by sku",
    "select sku, total * 2, round(total, 1) from totals order by sku",
    "create table t2 as select sku, price * 2 as dbl from products",
  ],
);
differentialSuite(
  "CREATE TABLE AS, SELECT INTO, INSERT ... SELECT of literals, TRUNCATE ... CASCADE",
  [
    "create table products (id serial primary key, sku text, price numeric(10,2))",
    "create table order_items (id serial, product_id int references products(id), qty int)",
    "insert into products (sku, price) values ('a', 1.50), ('b', 2.25), ('c', 10)",
    "insert into order_items (product_id, qty) values (1, 2), (1, 3), (2, 1)",
  ],
  [
    "select * from t2 order by sku",
    "select sku into t3 from products where price > 2",
    "select * from t3 order by 1",
    "create table t4 as select 1 a with no data",
    "create table if not exists t4 as select 1 a",
    "insert into order_items (product_id, qty) select 3, '7'",
    "create table ev (id serial, at timestamp, note varchar(5))",
    "insert into ev (at, note) select '2024-03-21 12:00', 'x' where not exists (select 1 from ev)",
    "insert into ev (at, note) select '2024-03-21 12:00', 'toolongvalue'",
    "select * from ev",
    "select coalesce(note, 'z' || 'q') from ev",
    "select max(note), min(note) from ev",
    "delete from order_items oi where not exists (select 1 from products p where p.id = oi.product_id and p.price > 5) returning oi.id",
    "truncate products",
    "truncate products restart identity cascade",
    "select count(*) from order_items",
  ],
);
differentialSuite(
  "WITH queries in INSERT, UPDATE and DELETE",
  [
    "create table items (id serial primary key, name text, price numeric(10,2))",
    "insert into items (name, price) values ('a', 100), ('b', 50), ('c', 20)",
  ],
  [
    "with discounts(name, pct) as (values ('a', 20), ('b', 15)) update items i set price = round(i.price * (100 - d.pct) / 100, 2) from discounts d where d.name = i.name returning i.name, i.price",
    "with cheap as (select id from items where price < 30) delete from items where id in (select id from cheap) returning name",
    "with n as (select 'z' as name, 9.99 as price) insert into items (name, price) select name, price from n returning id, name, price",
    "with x as (select id from items) delete from items i using x where x.id = i.id and i.name = 'z' returning i.id",
    "select * from items order by id",
  ],
);

differentialSuite(
  "ON CONFLICT DO UPDATE refuses to update a row twice",
  ["create table counters (name text primary key, hits int default 0)"],
  [
    "insert into counters values ('a', 1) on conflict (name) do update set hits = counters.hits + excluded.hits",
    "insert into counters values ('a', 1), ('b', 2) on conflict (name) do update set hits = counters.hits + excluded.hits returning *",
    "insert into counters values ('a', 1), ('a', 2) on conflict (name) do update set hits = excluded.hits",
    "insert into counters values ('c', 1), ('c', 2) on conflict (name) do nothing",
    "insert into counters select 'd', 1 union all select 'd', 2 on conflict on constraint counters_pkey do update set hits = 5",
    "insert into counters select 'e', g from generate_series(1, 3) g on conflict (name) do update set hits = excluded.hits",
    "insert into counters select x, 7 from (values ('f'), ('g')) v(x) on conflict (name) do update set hits = excluded.hits returning name, hits",
    "select * from counters order by name",
  ],
);

differentialSuite(
  "upserts return rows in proposal order; RESTRICT foreign keys; NULLIF of varchar",
  [
    "create table products (sku text primary key, name text, price numeric(10,2))",
    "insert into products values ('mug-002', 'Mug', 9), ('zz', 'Z', 1)",
  ],
  [
    "insert into products (sku, name, price) values ('mug-002', 'Coffee Mug', 10.50), ('hat-006', 'Winter Hat', 18.00), ('abc', 'A', 1) on conflict (sku) do update set price = excluded.price, name = excluded.name returning sku, price",
    "create table p(id text primary key)",
    "create table c(id int, pid text references p(id) on delete restrict)",
    "insert into p values ('a')",
    "insert into c values (1, 'a')",
    "delete from p where id = 'a'",
    "select coalesce(nullif(name::varchar, ''), '@' || sku::varchar) from products order by 1",
    "select nullif('a'::varchar, 'b')",
  ],
);

differentialSuite(
  "data-modifying statements in WITH",
  [
    "create table a (id serial primary key, v text, moved bool default false)",
    "create table b (id int, v text)",
    "insert into a (v) values ('x'), ('y'), ('z')",
  ],
  [
    "with d as (delete from a where v <> 'x' returning id, v) insert into b select * from d",
    "select * from b order by id",
    "with u as (update a set moved = true where v = 'x' returning id) select count(*) as n from u",
    "with i as (insert into a (v) values ('new1'), ('new2') returning id, v), j as (insert into b select id, upper(v) from i returning *) select * from j order by id",
    "with d as (delete from b where id > 3 returning *) select count(*) from d",
    "with d as (delete from b where id = 2) select 1",
    "begin",
    "with d as (delete from a returning id) select count(*) from d",
    "rollback",
    "select count(*) from a",
    "prepare q(int) as with d as (delete from b where id = $1 returning v) select v from d",
    "execute q(3)",
    "select * from b order by id",
  ],
);
