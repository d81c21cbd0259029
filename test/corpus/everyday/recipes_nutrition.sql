-- Recipe manager: ingredients with nutrition per 100 g, recipes with quantities and unit
-- conversions, per-serving nutrition, dietary tags and shopping lists.

CREATE TABLE ingredients (
  id smallserial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  kcal_per_100g real NOT NULL,
  protein_g numeric(5,1) NOT NULL,
  fat_g numeric(5,1) NOT NULL,
  carbs_g numeric(5,1) NOT NULL,
  vegan boolean NOT NULL,
  gluten_free boolean NOT NULL
);

CREATE TABLE units (unit text PRIMARY KEY, grams numeric NOT NULL);

CREATE TABLE recipes (
  id serial PRIMARY KEY,
  title text NOT NULL,
  servings int NOT NULL CHECK (servings > 0),
  prep interval,
  cook interval,
  total interval GENERATED ALWAYS AS (coalesce(prep, '0') + coalesce(cook, '0')) STORED
);

CREATE TABLE recipe_items (
  recipe_id int REFERENCES recipes ON DELETE CASCADE,
  ingredient_id smallint REFERENCES ingredients,
  amount numeric NOT NULL,
  unit text NOT NULL REFERENCES units,
  note text,
  PRIMARY KEY (recipe_id, ingredient_id)
);

INSERT INTO units VALUES ('g', 1), ('kg', 1000), ('cup', 240), ('tbsp', 15), ('tsp', 5), ('piece', 50);

INSERT INTO ingredients (name, kcal_per_100g, protein_g, fat_g, carbs_g, vegan, gluten_free) VALUES
  ('flour', 364, 10.3, 1.0, 76.3, true, false),
  ('egg', 155, 13.0, 11.0, 1.1, false, true),
  ('milk', 42, 3.4, 1.0, 5.0, false, true),
  ('sugar', 387, 0, 0, 100, true, true),
  ('butter', 717, 0.9, 81.1, 0.1, false, true),
  ('chickpeas', 164, 8.9, 2.6, 27.4, true, true),
  ('olive oil', 884, 0, 100, 0, true, true),
  ('tahini', 595, 17.0, 53.8, 21.2, true, true),
  ('lemon', 29, 1.1, 0.3, 9.3, true, true);

INSERT INTO recipes (title, servings, prep, cook) VALUES
  ('Pancakes', 4, '10 minutes', '20 minutes'),
  ('Hummus', 6, '15 minutes', NULL),
  ('Pound cake', 10, '20 min', '1 hour 5 minutes');

INSERT INTO recipe_items VALUES
  (1, 1, 1.5, 'cup', NULL), (1, 2, 2, 'piece', 'beaten'), (1, 3, 1.25, 'cup', NULL), (1, 4, 2, 'tbsp', NULL), (1, 5, 3, 'tbsp', 'melted'),
  (2, 6, 0.4, 'kg', 'drained'), (2, 8, 4, 'tbsp', NULL), (2, 7, 3, 'tbsp', NULL), (2, 9, 1, 'piece', 'juiced'),
  (3, 1, 250, 'g', NULL), (3, 4, 250, 'g', NULL), (3, 5, 250, 'g', 'softened'), (3, 2, 4, 'piece', NULL);

INSERT INTO recipes (title, servings) VALUES ('Nothing', 0);
INSERT INTO recipe_items VALUES (2, 4, 1, 'pinch', NULL);

SELECT title, servings, prep, cook, total FROM recipes ORDER BY total DESC NULLS LAST;

-- Weight of each line in grams
SELECT r.title, i.name, ri.amount, ri.unit, ri.amount * u.grams AS grams
FROM recipe_items ri JOIN recipes r ON r.id = ri.recipe_id JOIN ingredients i ON i.id = ri.ingredient_id JOIN units u USING (unit)
ORDER BY r.id, grams DESC;

-- Nutrition per serving
SELECT r.title,
       round(sum(ri.amount * u.grams * i.kcal_per_100g / 100)::numeric / r.servings) AS kcal,
       round(sum(ri.amount * u.grams * i.protein_g / 100) / r.servings, 1) AS protein,
       round(sum(ri.amount * u.grams * i.fat_g / 100) / r.servings, 1) AS fat,
       round(sum(ri.amount * u.grams * i.carbs_g / 100) / r.servings, 1) AS carbs
FROM recipes r JOIN recipe_items ri ON ri.recipe_id = r.id JOIN ingredients i ON i.id = ri.ingredient_id JOIN units u ON u.unit = ri.unit
GROUP BY r.id, r.title, r.servings
ORDER BY r.id;

-- Dietary flags: a recipe is vegan if every ingredient is
SELECT r.title, bool_and(i.vegan) AS vegan, bool_and(i.gluten_free) AS gluten_free, every(i.kcal_per_100g < 800) AS no_oils
FROM recipes r JOIN recipe_items ri ON ri.recipe_id = r.id JOIN ingredients i ON i.id = ri.ingredient_id
GROUP BY r.title ORDER BY r.title;

-- Real column arithmetic
SELECT name, kcal_per_100g, kcal_per_100g * 2.5 AS per_250g, kcal_per_100g / 3 AS third FROM ingredients WHERE name IN ('egg', 'lemon', 'milk') ORDER BY name;

-- Scale a recipe to 9 servings
SELECT i.name, ri.amount, round(ri.amount * 9 / r.servings, 2) AS scaled, ri.unit
FROM recipe_items ri JOIN recipes r ON r.id = ri.recipe_id JOIN ingredients i ON i.id = ri.ingredient_id
WHERE r.title = 'Pancakes' ORDER BY i.name;

-- Shopping list across several recipes
SELECT i.name, sum(ri.amount * u.grams) AS total_g, string_agg(DISTINCT r.title, ', ') AS used_in
FROM recipe_items ri JOIN recipes r ON r.id = ri.recipe_id JOIN ingredients i ON i.id = ri.ingredient_id JOIN units u ON u.unit = ri.unit
WHERE r.title IN ('Pancakes', 'Pound cake')
GROUP BY i.name ORDER BY total_g DESC, i.name;

-- Ingredients not used anywhere
SELECT name FROM ingredients EXCEPT SELECT i.name FROM ingredients i JOIN recipe_items ri ON ri.ingredient_id = i.id ORDER BY 1;

-- Ingredients shared by two recipes
SELECT ingredient_id FROM recipe_items WHERE recipe_id = 1 INTERSECT SELECT ingredient_id FROM recipe_items WHERE recipe_id = 3 ORDER BY 1;

-- Recipes under 30 minutes total
SELECT title FROM recipes WHERE total <= interval '30 minutes' ORDER BY title;

SELECT title, extract(epoch FROM total) / 60 AS minutes, to_char(total, 'HH24:MI') AS hhmi FROM recipes ORDER BY id;

-- Notes present
SELECT recipe_id, string_agg(note, '; ' ORDER BY ingredient_id) AS notes FROM recipe_items WHERE note IS NOT NULL GROUP BY recipe_id ORDER BY recipe_id;

-- Macro ratio per ingredient
SELECT name, round(100 * protein_g / nullif(protein_g + fat_g + carbs_g, 0), 1) AS protein_pct FROM ingredients ORDER BY protein_pct DESC NULLS LAST, name;

-- Dropping an ingredient still in use
DELETE FROM ingredients WHERE name = 'egg';

-- Delete a recipe and its items
DELETE FROM recipes WHERE title = 'Hummus' RETURNING id, title;
SELECT count(*) FROM recipe_items;

-- Updating a generated column's inputs recomputes it
UPDATE recipes SET cook = cook + interval '15 minutes' WHERE title = 'Pancakes' RETURNING total;

SELECT * FROM units ORDER BY grams;
SELECT avg(kcal_per_100g), max(kcal_per_100g), sum(protein_g) FROM ingredients;
