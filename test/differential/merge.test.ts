import { differentialSuite } from "../support/differential.js";

differentialSuite(
  "MERGE",
  [
    "CREATE TABLE customers (id int PRIMARY KEY, email text, plan text NOT NULL DEFAULT 'free', credits int DEFAULT 0)",
    "INSERT INTO customers VALUES (1, 'a@x', 'free', 0), (2, 'b@x', 'pro', 5), (3, 'c@x', 'team', 1)",
    "CREATE TABLE plan_changes (customer_id int, new_plan text, bonus int)",
    "INSERT INTO plan_changes VALUES (1, 'pro', 10), (3, NULL, 0), (4, 'team', 3), (5, NULL, 0)",
    "CREATE TABLE ledger (id serial PRIMARY KEY, customer_id int, amount numeric(8,2))",
  ],
  [
    `MERGE INTO customers c USING plan_changes p ON c.id = p.customer_id
       WHEN MATCHED AND p.new_plan IS NULL THEN DELETE
       WHEN MATCHED THEN UPDATE SET plan = p.new_plan, credits = c.credits + p.bonus
       WHEN NOT MATCHED AND p.new_plan IS NOT NULL THEN
         INSERT (id, email, plan, credits) VALUES (p.customer_id, 'new' || p.customer_id, p.new_plan, p.bonus)
       WHEN NOT MATCHED THEN DO NOTHING`,
    "SELECT * FROM customers ORDER BY id",
    "MERGE INTO customers t USING (VALUES (2, 100), (2, 200)) AS v(id, c) ON t.id = v.id WHEN MATCHED THEN UPDATE SET credits = v.c",
    "MERGE INTO customers t USING (VALUES (2, 100), (9, 200)) AS v(id, c) ON t.id = v.id WHEN MATCHED THEN UPDATE SET credits = v.c WHEN NOT MATCHED THEN INSERT (id, email) VALUES (v.id, 'x')",
    "SELECT * FROM customers ORDER BY id",
    "MERGE INTO customers USING plan_changes ON customers.id = plan_changes.customer_id WHEN MATCHED THEN DO NOTHING",
    "WITH src AS (SELECT 9 AS id) MERGE INTO customers c USING src ON c.id = src.id WHEN MATCHED THEN DELETE",
    "SELECT count(*) FROM customers",
    "MERGE INTO customers c USING plan_changes p ON c.id = p.customer_id WHEN NOT MATCHED THEN INSERT VALUES (p.customer_id, 'z', p.new_plan)",
    "MERGE INTO ledger l USING customers c ON l.customer_id = c.id WHEN NOT MATCHED THEN INSERT (customer_id, amount) VALUES (c.id, c.credits * 1.5)",
    "SELECT customer_id, amount FROM ledger ORDER BY customer_id",
    "MERGE INTO ledger l USING (SELECT id, credits FROM customers WHERE credits > 5) c ON l.customer_id = c.id WHEN MATCHED THEN UPDATE SET amount = l.amount + 1",
    "SELECT customer_id, amount FROM ledger ORDER BY customer_id",
    "MERGE INTO nosuch c USING plan_changes p ON c.id = p.customer_id WHEN MATCHED THEN DELETE",
    "MERGE INTO customers c USING plan_changes p ON c.id = p.nope WHEN MATCHED THEN DELETE",
  ],
);
