-- Todo list application: lists and ordered todo items, queried the way ORMs and query
-- builders (Drizzle, Knex, TypeORM, Prisma) generate SQL.

CREATE TABLE "lists" (
  "id" serial PRIMARY KEY NOT NULL,
  "name" text NOT NULL,
  "owner" text NOT NULL,
  "archived" boolean DEFAULT false NOT NULL,
  "created_at" timestamp DEFAULT now() NOT NULL
);

CREATE TABLE "todos" (
  "id" serial PRIMARY KEY NOT NULL,
  "list_id" integer NOT NULL,
  "title" varchar(255) NOT NULL,
  "notes" text,
  "done" boolean DEFAULT false NOT NULL,
  "priority" smallint DEFAULT 2 NOT NULL,
  "position" integer NOT NULL,
  "due_date" date,
  "completed_at" timestamp
);

ALTER TABLE "todos" ADD CONSTRAINT "todos_list_id_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."lists"("id") ON DELETE cascade ON UPDATE no action;
ALTER TABLE "todos" ADD CONSTRAINT "todos_priority_check" CHECK ("priority" BETWEEN 1 AND 3);
CREATE INDEX IF NOT EXISTS "todos_list_id_position_idx" ON "todos" USING btree ("list_id","position");
CREATE UNIQUE INDEX IF NOT EXISTS "lists_owner_name_idx" ON "lists" ("owner", "name") WHERE NOT "archived";

-- Drizzle-style inserts
insert into "lists" ("id", "name", "owner", "archived", "created_at") values (default, 'groceries', 'ann', default, default), (default, 'work', 'ann', default, default), (default, 'home', 'ben', default, default) returning "id", "name", "owner", "archived";

insert into "todos" ("list_id", "title", "position", "priority", "due_date") values
  (1, 'milk', 1, 2, '2024-06-01'),
  (1, 'eggs', 2, 2, '2024-06-01'),
  (1, 'coffee beans', 3, 1, NULL),
  (2, 'finish report', 1, 1, '2024-05-30'),
  (2, 'reply to emails', 2, 3, NULL),
  (2, 'book travel', 3, 2, '2024-06-10'),
  (3, 'fix the sink', 1, 1, '2024-05-20'),
  (3, 'paint fence', 2, 3, '2024-07-01');

-- Knex-style select
select * from "todos" where "list_id" = 1 and "done" = false order by "position" asc;

-- Drizzle-style select with explicit column list
select "id", "title", "done", "due_date" from "todos" where ("todos"."list_id" = 2 and "todos"."done" = false) order by "todos"."position" asc limit 10;

-- TypeORM-style aliased select
SELECT "Todo"."id" AS "Todo_id", "Todo"."title" AS "Todo_title", "Todo"."priority" AS "Todo_priority" FROM "todos" "Todo" WHERE "Todo"."list_id" IN (1, 3) ORDER BY "Todo"."id" ASC;

-- Prisma-style count
SELECT COUNT(*) AS "_count._all" FROM (SELECT "public"."todos"."id" FROM "public"."todos" WHERE "public"."todos"."done" = false OFFSET 0) AS "sub";

-- Complete a todo
update "todos" set "done" = true, "completed_at" = '2024-05-28 18:00:00' where "todos"."id" = 1 returning "id", "done", "completed_at";
update "todos" set "done" = true, "completed_at" = '2024-05-29 09:15:00' where "todos"."id" in (2, 7) returning "id";

-- Lists with progress
SELECT l.id, l.name, count(t.id) AS total,
       sum(CASE WHEN t.done THEN 1 ELSE 0 END) AS done,
       bool_and(t.done) AS all_done,
       bool_or(t.done) AS any_done
FROM lists l LEFT JOIN todos t ON t.list_id = l.id
GROUP BY l.id, l.name
ORDER BY l.id;

-- Overdue items as of a given day
SELECT t.title, t.due_date, DATE '2024-05-31' - t.due_date AS days_overdue
FROM todos t
WHERE NOT t.done AND t.due_date < DATE '2024-05-31'
ORDER BY t.due_date;

-- Due within the next two weeks
SELECT title, due_date FROM todos
WHERE NOT done AND due_date BETWEEN DATE '2024-05-31' AND DATE '2024-05-31' + 14
ORDER BY due_date, title;

-- Priority labels and sorting by due date with undated items last
SELECT title,
       CASE priority WHEN 1 THEN 'high' WHEN 2 THEN 'normal' ELSE 'low' END AS priority_label,
       due_date
FROM todos
WHERE NOT done
ORDER BY due_date ASC NULLS LAST, priority, id;

-- Undated first when sorting descending
SELECT id, due_date FROM todos ORDER BY due_date DESC NULLS FIRST, id;

-- Move "book travel" to the top of its list
BEGIN;
UPDATE todos SET position = position + 1 WHERE list_id = 2 AND position < 3;
UPDATE todos SET position = 1 WHERE id = 6;
COMMIT;
SELECT id, title, position FROM todos WHERE list_id = 2 ORDER BY position;

-- Next position when appending
INSERT INTO todos (list_id, title, position)
SELECT 1, 'bread', coalesce(max(position), 0) + 1 FROM todos WHERE list_id = 1
RETURNING id, title, position, priority, done;

-- Search
SELECT id, title FROM todos WHERE title ILIKE '%e%s%' ORDER BY id;

-- Duplicate list name for the same owner is rejected while active
INSERT INTO lists (name, owner) VALUES ('groceries', 'ann');
UPDATE lists SET archived = true WHERE name = 'groceries' AND owner = 'ann';
INSERT INTO lists (name, owner) VALUES ('groceries', 'ann') RETURNING id, name;

-- Invalid data
INSERT INTO todos (list_id, title, position, priority) VALUES (1, 'urgent!!', 5, 0);
INSERT INTO todos (list_id, title, position) VALUES (77, 'orphan', 1);
INSERT INTO todos (list_id, position) VALUES (1, 9);
SELECT * FROM todos WHERE id = 'abc';
SELECT id, titel FROM todos;

-- Clear completed items
DELETE FROM todos WHERE done RETURNING id, title;

-- Rename a list
UPDATE lists SET name = 'chores' WHERE id = 3 RETURNING id, name, owner, archived;

-- Counts per owner
SELECT owner, count(*) AS lists FROM lists WHERE NOT archived GROUP BY owner ORDER BY owner;

-- Sequence maintenance after a manual import
INSERT INTO todos (id, list_id, title, position) VALUES (100, 3, 'imported', 3);
SELECT setval(pg_get_serial_sequence('todos', 'id'), (SELECT max(id) FROM todos));
INSERT INTO todos (list_id, title, position) VALUES (3, 'after import', 4) RETURNING id;
SELECT currval(pg_get_serial_sequence('todos', 'id'));

-- Deleting a list removes its todos
DELETE FROM lists WHERE id = 2;
SELECT list_id, count(*) FROM todos GROUP BY list_id ORDER BY list_id;

-- Reset everything for tests
TRUNCATE todos, lists RESTART IDENTITY CASCADE;
SELECT count(*) FROM todos;
INSERT INTO lists (name, owner) VALUES ('fresh', 'cid') RETURNING id;
