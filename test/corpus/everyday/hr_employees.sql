-- HR system: departments and employees with a manager hierarchy, salaries and salary
-- history; org-chart, payroll and headcount queries.

CREATE TABLE departments (
  id serial PRIMARY KEY,
  name varchar(100) NOT NULL UNIQUE,
  budget numeric(12,2)
);

CREATE TABLE employees (
  id serial PRIMARY KEY,
  first_name varchar(50) NOT NULL,
  last_name varchar(50) NOT NULL,
  email varchar(100) UNIQUE,
  department_id integer REFERENCES departments (id) ON DELETE SET NULL,
  manager_id integer REFERENCES employees (id) ON DELETE SET NULL,
  title varchar(100),
  salary numeric(10,2) NOT NULL CHECK (salary > 0),
  hire_date date NOT NULL,
  terminated_on date,
  CHECK (terminated_on IS NULL OR terminated_on >= hire_date)
);

CREATE INDEX employees_manager_id_idx ON employees (manager_id);
CREATE INDEX employees_department_id_idx ON employees (department_id);

CREATE TABLE salary_history (
  id serial PRIMARY KEY,
  employee_id integer NOT NULL REFERENCES employees (id) ON DELETE CASCADE,
  salary numeric(10,2) NOT NULL,
  effective_from date NOT NULL,
  UNIQUE (employee_id, effective_from)
);

INSERT INTO departments (name, budget) VALUES
  ('executive', 1000000), ('engineering', 2500000), ('sales', 900000), ('support', 400000), ('legal', NULL);

INSERT INTO employees (first_name, last_name, email, department_id, manager_id, title, salary, hire_date) VALUES
  ('Grace', 'Hopper', 'grace@corp.example', 1, NULL, 'CEO', 250000, '2010-03-01'),
  ('Alan', 'Turing', 'alan@corp.example', 2, 1, 'CTO', 200000, '2012-06-15'),
  ('Ada', 'Lovelace', 'ada@corp.example', 2, 2, 'Staff Engineer', 165000, '2015-09-01'),
  ('Linus', 'Torvalds', 'linus@corp.example', 2, 2, 'Senior Engineer', 150000, '2017-01-09'),
  ('Margaret', 'Hamilton', 'margaret@corp.example', 2, 3, 'Engineer', 120000, '2020-02-17'),
  ('Ken', 'Thompson', 'ken@corp.example', 2, 3, 'Engineer', 118000, '2021-11-01'),
  ('Don', 'Draper', 'don@corp.example', 3, 1, 'VP Sales', 180000, '2013-04-22'),
  ('Peggy', 'Olson', 'peggy@corp.example', 3, 7, 'Account Executive', 95000, '2019-07-01'),
  ('Pete', 'Campbell', 'pete@corp.example', 3, 7, 'Account Executive', 95000, '2018-03-12'),
  ('Joan', 'Holloway', NULL, 4, 1, 'Support Lead', 90000, '2016-05-30'),
  ('Roy', 'Trenneman', 'roy@corp.example', 4, 10, 'Support Engineer', 60000, '2022-08-08'),
  ('Maurice', 'Moss', 'moss@corp.example', 4, 10, 'Support Engineer', 62000, '2022-08-08');

INSERT INTO salary_history (employee_id, salary, effective_from)
SELECT id, salary, hire_date FROM employees;

-- Employee directory with manager names
SELECT e.id, e.first_name || ' ' || e.last_name AS employee,
       m.first_name || ' ' || m.last_name AS manager,
       d.name AS department
FROM employees e
LEFT JOIN employees m ON m.id = e.manager_id
LEFT JOIN departments d ON d.id = e.department_id
ORDER BY e.id;

-- Org chart from the CEO down
WITH RECURSIVE org AS (
  SELECT id, first_name, manager_id, 0 AS depth, first_name::text AS path
  FROM employees WHERE manager_id IS NULL
  UNION ALL
  SELECT e.id, e.first_name, e.manager_id, org.depth + 1, org.path || ' > ' || e.first_name
  FROM employees e JOIN org ON e.manager_id = org.id
)
SELECT id, repeat('  ', depth) || first_name AS name, depth, path
FROM org
ORDER BY path;

-- Everyone reporting (directly or indirectly) to the CTO
WITH RECURSIVE reports AS (
  SELECT id FROM employees WHERE id = 2
  UNION
  SELECT e.id FROM employees e JOIN reports r ON e.manager_id = r.id
)
SELECT count(*) - 1 AS reports_under_cto FROM reports;

-- Chain of command for one employee
WITH RECURSIVE chain(id, manager_id, first_name, lvl) AS (
  SELECT id, manager_id, first_name, 1 FROM employees WHERE email = 'ken@corp.example'
  UNION ALL
  SELECT e.id, e.manager_id, e.first_name, c.lvl + 1 FROM employees e JOIN chain c ON e.id = c.manager_id
)
SELECT string_agg(first_name, ' -> ' ORDER BY lvl) FROM chain;

-- Payroll by department
SELECT d.name, count(e.id) AS headcount, sum(e.salary) AS payroll,
       round(avg(e.salary), 2) AS avg_salary, min(e.salary) AS min_salary, max(e.salary) AS max_salary
FROM departments d
LEFT JOIN employees e ON e.department_id = d.id
GROUP BY d.name
ORDER BY payroll DESC NULLS LAST, d.name;

-- Budget utilisation, with departments without budget last
SELECT d.name, d.budget, sum(e.salary) AS payroll,
       round(sum(e.salary) / NULLIF(d.budget, 0) * 100, 1) AS pct_of_budget
FROM departments d LEFT JOIN employees e ON e.department_id = d.id
GROUP BY d.id
ORDER BY pct_of_budget DESC NULLS LAST;

-- Salary rank within department
SELECT d.name AS department, e.last_name, e.salary,
       rank() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS rnk,
       dense_rank() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS dense_rnk,
       row_number() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC, e.id) AS rn
FROM employees e JOIN departments d ON d.id = e.department_id
ORDER BY d.name, rn;

-- Highest paid employee per department
SELECT DISTINCT ON (department_id) department_id, last_name, salary
FROM employees
ORDER BY department_id, salary DESC, id;

-- Paid above their department's average
SELECT e.last_name, e.salary
FROM employees e
WHERE e.salary > (SELECT avg(x.salary) FROM employees x WHERE x.department_id = e.department_id)
ORDER BY e.last_name;

-- Managers and number of direct reports
SELECT m.last_name, count(*) AS direct_reports
FROM employees e JOIN employees m ON m.id = e.manager_id
GROUP BY m.id, m.last_name
HAVING count(*) >= 2
ORDER BY direct_reports DESC, m.last_name;

-- Employees who are not managers
SELECT last_name FROM employees e
WHERE NOT EXISTS (SELECT 1 FROM employees r WHERE r.manager_id = e.id)
ORDER BY last_name;

-- Tenure at a fixed reporting date
SELECT last_name, hire_date,
       date_part('year', age(DATE '2024-06-30', hire_date))::int AS years,
       DATE '2024-06-30' - hire_date AS days
FROM employees
ORDER BY hire_date, last_name
LIMIT 5;

-- Hires per year
SELECT extract(year FROM hire_date) AS year, count(*) AS hires
FROM employees GROUP BY 1 ORDER BY 1;

-- Hired in the same year as the previous hire?
SELECT last_name, hire_date,
       lag(hire_date) OVER (ORDER BY hire_date, id) AS previous_hire,
       lead(last_name) OVER (ORDER BY hire_date, id) AS next_hire
FROM employees
ORDER BY hire_date, id;

-- Annual raise: 3% for engineering, 2% elsewhere, recorded in salary history
BEGIN;
INSERT INTO salary_history (employee_id, salary, effective_from)
SELECT e.id, round(e.salary * CASE WHEN d.name = 'engineering' THEN 1.03 ELSE 1.02 END, 2), DATE '2024-07-01'
FROM employees e JOIN departments d ON d.id = e.department_id;
UPDATE employees e SET salary = sh.salary
FROM salary_history sh
WHERE sh.employee_id = e.id AND sh.effective_from = '2024-07-01';
COMMIT;

SELECT e.last_name, sh.salary AS old_salary, e.salary AS new_salary, e.salary - sh.salary AS raise
FROM employees e JOIN salary_history sh ON sh.employee_id = e.id AND sh.effective_from = e.hire_date
WHERE e.department_id = 2
ORDER BY e.id;

-- The same raise cannot be recorded twice
INSERT INTO salary_history (employee_id, salary, effective_from) VALUES (3, 1, '2024-07-01');

-- Termination date before hire date is rejected
UPDATE employees SET terminated_on = '2000-01-01' WHERE id = 12;

-- A termination
UPDATE employees SET terminated_on = '2024-08-31' WHERE id = 11 RETURNING id, terminated_on;

SELECT count(*) - count(terminated_on) AS active, count(terminated_on) AS terminated FROM employees;

-- Employees without email, coalesced for display
SELECT last_name, coalesce(email, lower(first_name) || '@corp.example') AS contact
FROM employees WHERE email IS NULL;

-- Departments and employees, including empty departments and unassigned employees
UPDATE employees SET department_id = NULL WHERE id = 12;
SELECT d.name, e.last_name
FROM departments d FULL OUTER JOIN employees e ON e.department_id = d.id
WHERE d.id IS NULL OR e.id IS NULL
ORDER BY d.name NULLS FIRST, e.last_name;

-- Removing a manager leaves their reports without a manager
DELETE FROM employees WHERE id = 10;
SELECT id, last_name, manager_id FROM employees WHERE manager_id IS NULL ORDER BY id;

-- Salary must be positive and a department must exist
INSERT INTO employees (first_name, last_name, salary, hire_date) VALUES ('Zero', 'Pay', 0, '2024-01-01');
INSERT INTO employees (first_name, last_name, salary, hire_date, department_id) VALUES ('No', 'Dept', 50000, '2024-01-01', 99);
SELECT salary / 0 FROM employees WHERE id = 1;
