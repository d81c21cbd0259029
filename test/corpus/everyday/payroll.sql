-- HR payroll: employees, salary history with effective dates, pay runs, deductions and
-- year-to-date summaries for the payroll clerk.

CREATE TABLE departments (
  code char(3) PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE staff (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  full_name text NOT NULL,
  dept char(3) NOT NULL REFERENCES departments,
  hired_on date NOT NULL,
  terminated_on date,
  manager_id integer REFERENCES staff(id),
  CHECK (terminated_on IS NULL OR terminated_on > hired_on)
);

CREATE TABLE salaries (
  staff_id integer NOT NULL REFERENCES staff(id),
  effective_from date NOT NULL,
  annual numeric(12,2) NOT NULL,
  PRIMARY KEY (staff_id, effective_from)
);

CREATE TABLE payslips (
  id serial PRIMARY KEY,
  staff_id integer NOT NULL REFERENCES staff(id),
  period date NOT NULL,
  gross numeric(12,2) NOT NULL,
  tax numeric(12,2) NOT NULL,
  pension numeric(12,2) NOT NULL DEFAULT 0,
  net numeric(12,2) GENERATED ALWAYS AS (gross - tax - pension) STORED,
  UNIQUE (staff_id, period)
);

INSERT INTO departments VALUES ('ENG', 'Engineering'), ('FIN', 'Finance'), ('OPS', 'Operations');

INSERT INTO staff (full_name, dept, hired_on, terminated_on, manager_id) VALUES
  ('Grace Hopper', 'ENG', '2019-01-07', NULL, NULL),
  ('Alan Turing', 'ENG', '2020-03-16', NULL, 1),
  ('Ada Lovelace', 'FIN', '2018-11-01', NULL, NULL),
  ('Ken Thompson', 'ENG', '2021-06-01', '2024-02-29', 1),
  ('Barbara Liskov', 'OPS', '2022-09-12', NULL, 3),
  ('Dennis Ritchie', 'OPS', '2024-01-15', NULL, 5);

-- Identity columns reject explicit values
INSERT INTO staff (id, full_name, dept, hired_on) VALUES (99, 'Nobody', 'ENG', '2024-01-01');

-- Termination before hire date
INSERT INTO staff (full_name, dept, hired_on, terminated_on) VALUES ('Bad Dates', 'FIN', '2024-05-01', '2024-04-01');

INSERT INTO salaries VALUES
  (1, '2019-01-07', 120000), (1, '2023-01-01', 135000), (1, '2024-01-01', 142500.50),
  (2, '2020-03-16', 95000), (2, '2024-01-01', 101000),
  (3, '2018-11-01', 88000), (3, '2022-07-01', 97250),
  (4, '2021-06-01', 110000),
  (5, '2022-09-12', 72000), (5, '2023-09-12', 76500),
  (6, '2024-01-15', 54000);

-- Current salary per person (latest effective row on or before a date)
SELECT DISTINCT ON (s.staff_id) st.full_name, s.effective_from, s.annual
FROM salaries s JOIN staff st ON st.id = s.staff_id
WHERE s.effective_from <= DATE '2024-03-31'
ORDER BY s.staff_id, s.effective_from DESC;

-- Raise percentage between consecutive salary rows
SELECT staff_id, effective_from, annual,
       lag(annual) OVER w AS previous,
       round(100 * (annual - lag(annual) OVER w) / lag(annual) OVER w, 1) AS raise_pct
FROM salaries
WINDOW w AS (PARTITION BY staff_id ORDER BY effective_from)
ORDER BY staff_id, effective_from;

-- Generate March payslips for active staff: monthly gross, 22% tax, 5% pension
INSERT INTO payslips (staff_id, period, gross, tax, pension)
SELECT st.id, DATE '2024-03-01', round(cur.annual / 12, 2), round(cur.annual / 12 * 0.22, 2), round(cur.annual / 12 * 0.05, 2)
FROM staff st
CROSS JOIN LATERAL (
  SELECT annual FROM salaries s WHERE s.staff_id = st.id AND s.effective_from <= DATE '2024-03-31'
  ORDER BY effective_from DESC LIMIT 1
) cur
WHERE st.terminated_on IS NULL OR st.terminated_on >= DATE '2024-03-01'
RETURNING staff_id, gross, tax, pension, net;

-- Running twice violates the unique period constraint
INSERT INTO payslips (staff_id, period, gross, tax) VALUES (1, '2024-03-01', 1, 0);

-- The generated column cannot be written
INSERT INTO payslips (staff_id, period, gross, tax, net) VALUES (2, '2024-04-01', 100, 10, 90);

SELECT d.name, count(p.id) AS slips, sum(p.gross) AS gross, sum(p.net) AS net, avg(p.net)::numeric(12,2) AS avg_net
FROM departments d
LEFT JOIN staff st ON st.dept = d.code
LEFT JOIN payslips p ON p.staff_id = st.id
GROUP BY d.name
ORDER BY d.name;

-- Tenure in years and months
SELECT full_name, hired_on,
       age(coalesce(terminated_on, DATE '2024-06-30'), hired_on) AS tenure,
       extract(year FROM age(coalesce(terminated_on, DATE '2024-06-30'), hired_on))::int AS full_years
FROM staff ORDER BY hired_on;

-- Reporting lines
SELECT e.full_name AS employee, m.full_name AS manager
FROM staff e LEFT JOIN staff m ON m.id = e.manager_id
ORDER BY e.id;

-- Headcount by department and hire year
SELECT dept, extract(year FROM hired_on) AS hire_year, count(*)
FROM staff GROUP BY dept, hire_year ORDER BY dept, hire_year;

-- Pay band using CASE and width_bucket
SELECT st.full_name, s.annual,
       CASE WHEN s.annual >= 120000 THEN 'senior' WHEN s.annual >= 80000 THEN 'mid' ELSE 'junior' END AS band,
       width_bucket(s.annual, 50000, 150000, 4) AS bucket
FROM staff st JOIN LATERAL (SELECT annual FROM salaries WHERE staff_id = st.id ORDER BY effective_from DESC LIMIT 1) s ON true
ORDER BY s.annual DESC;

-- Bonus: 3% for people hired before 2021, applied with UPDATE ... FROM
UPDATE payslips p SET gross = gross * 1.03
FROM staff st WHERE st.id = p.staff_id AND st.hired_on < '2021-01-01'
RETURNING p.staff_id, p.gross, p.net;

SELECT staff_id, to_char(period, 'Mon YYYY') AS period, to_char(net, 'FM999,999.00') AS net FROM payslips ORDER BY staff_id;

-- Terminate someone; foreign key from payslips blocks deleting them
UPDATE staff SET terminated_on = '2024-06-30' WHERE full_name = 'Barbara Liskov';
DELETE FROM staff WHERE full_name = 'Barbara Liskov';

SELECT full_name FROM staff WHERE terminated_on IS NOT NULL ORDER BY 1;

-- Total cost of salaries per department, with a grand total
SELECT coalesce(dept, 'ALL') AS dept, sum(annual) AS payroll
FROM staff st JOIN LATERAL (SELECT annual FROM salaries WHERE staff_id = st.id ORDER BY effective_from DESC LIMIT 1) s ON true
WHERE st.terminated_on IS NULL
GROUP BY ROLLUP (dept)
ORDER BY dept NULLS LAST;

SELECT count(*) FILTER (WHERE terminated_on IS NULL) AS active, count(*) FILTER (WHERE terminated_on IS NOT NULL) AS leavers FROM staff;

SELECT * FROM departments;
