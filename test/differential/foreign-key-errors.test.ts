import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "foreign key violations name the constraint that failed",
  [
    "create table accounts(id serial primary key, name text)",
    "create table kinds(code text primary key)",
    "create table transfers(id serial primary key, src int not null references accounts(id), kind text references kinds, dst int not null references accounts(id), amount numeric(12,2))",
    "insert into accounts(name) values ('a'), ('b')",
    "insert into kinds values ('x')",
  ],
  [
    "insert into transfers(src, kind, dst, amount) values (1, 'x', 3, 5)",
    "insert into transfers(src, kind, dst, amount) values (1, 'nope', 2, 5)",
    "insert into transfers(src, kind, dst, amount) values (9, 'x', 2, 5)",
    "insert into transfers(src, kind, dst, amount) values (1, 'x', 2, 5)",
    "update transfers set dst = 7",
    "delete from accounts where id = 2",
    "begin",
    "delete from kinds",
    "rollback",
    "update accounts set id = 5 where id = 1",
    "select count(*) from transfers",
    "BEGIN",
    "INSERT INTO transfers (src, kind, dst) VALUES (2, 'x', 8)",
    "ROLLBACK",
  ],
);
