import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { differentialSuite } from "../support/differential.js";
import { rawClient } from "../support/outcome.js";
import { startServer, type TestServer } from "../support/server.js";

differentialSuite(
  "composite types: CREATE TYPE AS (...), row constructors, columns, field selection, JSON",
  [
    "create type money_amount as (currency char(3), cents bigint)",
    "create type feed_row as (sku text, title text, price numeric, stock integer)",
  ],
  [
    "create table estimates (issue_id integer, cost money_amount)",
    "insert into estimates values (1, ('EUR', 12050)), (3, row('USD', 99)), (4, '(GBP,7)'), (5, null), (6, row(null, null))",
    "select issue_id, (cost).currency, (cost).cents, cost::text, pg_typeof(cost) from estimates order by issue_id",
    "select (e.cost).cents + 1 as next, (e.cost).currency || '!' from estimates e where issue_id = 1",
    "select (cost).* from estimates order by issue_id",
    "select (e.cost).* from estimates e where (e.cost).cents > 50 order by issue_id",
    "select issue_id from estimates where cost = row('EUR', 12050)::money_amount",
    "select issue_id, cost::text from estimates order by cost, issue_id",
    "select issue_id from estimates order by cost desc, issue_id",
    "select issue_id from estimates where cost < ('FFF', 0)::money_amount order by issue_id",
    "select ('a', 2)::money_amount > ('a', 10)::money_amount, ('a', -2)::money_amount < ('a', 1)::money_amount",
    "select row(1.5, 'x')::feed_row::text from estimates limit 0",
    "select count(distinct cost) from estimates",
    "update estimates set cost = ('CHF', 1) where issue_id = 3",
    "insert into estimates select 7, jsonb_populate_record(null::money_amount, '{\"cents\": 5}')",
    'insert into estimates values (8, $$("x,y","1")$$)',
    "select cost::text from estimates where issue_id in (7, 8) order by issue_id",
    "delete from estimates where issue_id in (7, 8)",
    "select cost::text from estimates where issue_id = 3",
    "select row('a b', 1, null, '', 'x\"y', true, 'p,q', '(x)')",
    "select ('EUR', 12050)::money_amount::text, '( EU , 5)'::money_amount::text, '(\"a\"\"\",)'::money_amount::text",
    "select '(\"\",)'::money_amount::text, ('(x,' || 2 || ')')::money_amount::text",
    "select ('(EURO,1)'::text)::money_amount",
    "select '(EUR)'::money_amount",
    "select '(EUR,1,2)'::money_amount",
    "select 'EUR'::money_amount",
    "select '(EUR,1) x'::money_amount",
    "select '(EUR,x)'::money_amount",
    "select row('EUR')::money_amount",
    "select row('EUR', 1, 2)::money_amount",
    "select null::money_amount::text, (null::money_amount).cents",
    "select (cost).nope from estimates",
    "select row_to_json(cost), to_json(cost), to_jsonb(cost) from estimates order by issue_id",
    'select (jsonb_populate_record(null::feed_row, \'{"sku": "nw-104", "title": "tofu", "price": "23.25", "extra": true}\')).*',
    'select jsonb_populate_record(null::feed_row, \'{"sku": "nw-104", "title": "to fu", "price": 23.25}\')::text',
    "select json_populate_record(row('a', 'b', 1, 2)::feed_row, '{\"sku\": \"x\", \"stock\": null}')::text",
    "select (json_populate_record(null::feed_row, '{\"stock\": 7}')).stock",
    "select jsonb_populate_record(null::feed_row, '[1]')",
    "select jsonb_populate_record(null::feed_row, '3')",
    'select * from jsonb_populate_record(null::feed_row, \'{"sku": "a", "price": 2}\')',
    'select * from jsonb_populate_recordset(null::feed_row, \'[{"sku": "a", "price": 2}, {"sku": "b", "stock": "4"}]\')',
    'select p.sku, p.stock from json_populate_recordset(null::feed_row, \'[{"sku": "a"}, {"sku": "b", "stock": 4}]\') p order by 1',
    'select * from jsonb_populate_recordset(null::feed_row, \'{"sku": "a"}\')',
    "select * from json_populate_recordset(null::feed_row, '[1]')",
    "select cost is null, cost is not null, row(1, null) is null, row(1, null) is not null, row(null, null) is null from estimates order by issue_id",
    "select row_to_json(e) from estimates e order by issue_id",
    "select json_build_object('c', cost)::text, jsonb_build_array(cost, 1)::text from estimates order by issue_id",
    "select typname, typtype, typcategory, typrelid <> 0 from pg_type where typname in ('money_amount', '_money_amount')  order by typname",
    "select c.relname, c.relkind, c.relnatts from pg_class c join pg_type t on t.typrelid = c.oid where t.typname = 'money_amount'",
    "select a.attname, format_type(a.atttypid, a.atttypmod), a.attnum from pg_attribute a join pg_type t on t.typrelid = a.attrelid where t.typname = 'money_amount' order by a.attnum",
    "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'estimates'::regclass and attname = 'cost'",
    "comment on type money_amount is 'an amount of money'",
    "select obj_description('money_amount'::regtype, 'pg_type')",
    "create type money_amount as (x int)",
    "create type pair as (a int, a text)",
    "create type estimates as (a int)",
    "create table feed_row (a int)",
    "create type ct_enum as enum ('a')",
    "create type ct_enum as (a int)",
    "create domain feed_row as int",
    "drop type money_amount",
    "drop table estimates",
    "drop type money_amount",
    "drop type if exists money_amount",
    "drop type money_amount",
  ],
);

describe("composite types: what only Tenantgres can be asked", () => {
  let server: TestServer;
  let client: pg.Client;
  beforeAll(async () => {
    server = await startServer();
    client = rawClient({ host: server.host, port: server.port, user: "postgres", database: "composites" });
    await client.connect();
    await client.query("create type pair as (a int, b text)");
    await client.query("create table holds (p pair)");
  });
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it("describes a composite column with its type's pg_type OID", async () => {
    await client.query("insert into holds values ((1, 'x'))");
    const r = await client.query(
      "select p, (select oid from pg_type where typname = 'pair') as oid from holds",
    );
    expect(r.rows).toEqual([{ p: "(1,x)", oid: String(r.fields[0]!.dataTypeID) }]);
  });

  it("refuses what is not supported with 0A000 naming it", async () => {
    const code = async (sql: string) => {
      try {
        await client.query(sql);
        return "ok";
      } catch (e) {
        return `${(e as pg.DatabaseError).code} ${(e as pg.DatabaseError).message}`;
      }
    };
    expect(await code("create table arr (ps pair[])")).toBe(
      "0A000 arrays of composite types is not supported",
    );
    expect(await code("drop type pair cascade")).toMatch(/^0A000 DROP TYPE \.\.\. CASCADE/);
    expect(await code("alter type pair add attribute c int")).toBe(
      "0A000 ALTER TYPE of composite types is not supported",
    );
    expect(await code("alter type pair rename to couple")).toBe(
      "0A000 ALTER TYPE ... RENAME of composite types is not supported",
    );
    expect(await code("update holds set p.a = 2")).toBe(
      "0A000 UPDATE of fields of composite values is not supported",
    );
  });
});
