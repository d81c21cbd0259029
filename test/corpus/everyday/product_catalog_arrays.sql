-- Product catalogue with categories and text[] tags and integer[] size arrays: faceted
-- search, tag clouds and bulk tag edits as done by a storefront search page.

CREATE TABLE categories (
  id serial PRIMARY KEY,
  parent_id integer REFERENCES categories (id) ON DELETE CASCADE,
  slug text NOT NULL UNIQUE
);

CREATE TABLE catalog_items (
  id serial PRIMARY KEY,
  category_id integer NOT NULL REFERENCES categories (id),
  name text NOT NULL,
  brand text,
  price numeric(8,2) NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  sizes integer[],
  in_stock boolean NOT NULL DEFAULT true
);

CREATE INDEX catalog_items_tags_idx ON catalog_items USING gin (tags);
CREATE INDEX catalog_items_category_price_idx ON catalog_items (category_id, price);

INSERT INTO categories (parent_id, slug) VALUES
  (NULL, 'clothing'), (1, 'shoes'), (1, 'jackets'), (2, 'running-shoes'), (NULL, 'outdoor'), (5, 'tents');

INSERT INTO catalog_items (category_id, name, brand, price, tags, sizes, in_stock) VALUES
  (4, 'trail runner 2', 'stride', 129.95, ARRAY['running', 'trail', 'waterproof'], ARRAY[40, 41, 42, 43, 44], true),
  (4, 'road racer', 'stride', 159.00, ARRAY['running', 'road', 'sale'], ARRAY[39, 40, 41], true),
  (2, 'city sneaker', 'urbano', 89.50, '{casual,sale}', '{38,39,40,41,42}', false),
  (3, 'storm shell', 'peakline', 249.00, '{waterproof,hiking,windproof}', NULL, true),
  (3, 'down parka', 'peakline', 319.00, '{winter,hiking}', NULL, true),
  (6, 'ultralight 2p', 'peakline', 449.00, '{camping,hiking,ultralight}', NULL, true),
  (6, 'family dome', NULL, 279.99, '{camping,sale}', NULL, false),
  (2, 'hiking boot', 'stride', 189.00, '{hiking,waterproof}', '{41,42,43,44,45,46}', true);

-- Items with a given tag
SELECT id, name FROM catalog_items WHERE 'sale' = ANY (tags) ORDER BY id;

-- Items having all of several tags, or any of them
SELECT name FROM catalog_items WHERE tags @> ARRAY['hiking', 'waterproof'] ORDER BY name;
SELECT name FROM catalog_items WHERE tags && ARRAY['winter', 'camping'] ORDER BY name;

-- Shoe available in size 45
SELECT name FROM catalog_items WHERE 45 = ANY (sizes);

-- Tag cloud
SELECT tag, count(*) AS items
FROM catalog_items, unnest(tags) AS tag
GROUP BY tag
ORDER BY items DESC, tag;

-- Tags per brand, deduplicated and sorted
SELECT coalesce(brand, '(no brand)') AS brand, array_agg(DISTINCT t ORDER BY t) AS tags
FROM catalog_items CROSS JOIN LATERAL unnest(tags) AS t
GROUP BY brand
ORDER BY brand NULLS LAST;

-- Array helpers
SELECT name, array_length(tags, 1) AS tag_count, cardinality(sizes) AS size_count,
       sizes[1] AS smallest, array_to_string(tags, ', ') AS tag_list
FROM catalog_items ORDER BY id;

-- Bulk tag edits
UPDATE catalog_items SET tags = array_append(tags, 'bestseller') WHERE id IN (1, 6) RETURNING id, tags;
UPDATE catalog_items SET tags = array_remove(tags, 'sale') WHERE NOT in_stock RETURNING id, tags;
UPDATE catalog_items SET tags = tags || ARRAY['new'] WHERE name = 'road racer' RETURNING tags;

-- Category tree with full paths
WITH RECURSIVE tree AS (
  SELECT id, slug, parent_id, slug AS path, 1 AS level FROM categories WHERE parent_id IS NULL
  UNION ALL
  SELECT c.id, c.slug, c.parent_id, tree.path || '/' || c.slug, tree.level + 1
  FROM categories c JOIN tree ON c.parent_id = tree.id
)
SELECT id, path, level FROM tree ORDER BY path;

-- Items in a category and all of its subcategories
WITH RECURSIVE sub AS (
  SELECT id FROM categories WHERE slug = 'clothing'
  UNION ALL
  SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id
)
SELECT i.name, i.price FROM catalog_items i WHERE i.category_id IN (SELECT id FROM sub) ORDER BY i.price DESC;

-- Faceted search: counts by brand and by price band for a query
SELECT coalesce(brand, 'other') AS brand, count(*) FROM catalog_items
WHERE name LIKE '%r%' GROUP BY 1 ORDER BY 1;

SELECT CASE WHEN price < 100 THEN 'under 100'
            WHEN price < 200 THEN '100-199'
            WHEN price < 300 THEN '200-299'
            ELSE '300+' END AS band,
       count(*) AS items, min(price) AS from_price
FROM catalog_items
GROUP BY 1
ORDER BY min(price);

-- Price statistics per top-level category
SELECT root.slug, count(i.id) AS items, min(i.price), max(i.price), round(avg(i.price), 2) AS avg_price
FROM categories root
JOIN categories c ON c.id = root.id OR c.parent_id = root.id
  OR c.parent_id IN (SELECT id FROM categories WHERE parent_id = root.id)
JOIN catalog_items i ON i.category_id = c.id
WHERE root.parent_id IS NULL
GROUP BY root.slug
ORDER BY root.slug;

-- Sorting options of the listing page
SELECT name, price FROM catalog_items WHERE in_stock ORDER BY price ASC, id LIMIT 3;
SELECT name, price FROM catalog_items WHERE in_stock ORDER BY price DESC, id LIMIT 3 OFFSET 1;
SELECT name FROM catalog_items ORDER BY brand NULLS FIRST, name;

-- Cheapest item per category
SELECT DISTINCT ON (category_id) category_id, name, price
FROM catalog_items ORDER BY category_id, price, id;

-- Price change history via CTE and UPDATE ... FROM
WITH discounts(name, pct) AS (VALUES ('storm shell', 20), ('down parka', 15))
UPDATE catalog_items i SET price = round(i.price * (100 - d.pct) / 100, 2)
FROM discounts d WHERE d.name = i.name
RETURNING i.name, i.price;

-- Unnest sizes into rows and find common sizes between two shoes
SELECT unnest(sizes) AS size FROM catalog_items WHERE id = 1
INTERSECT
SELECT unnest(sizes) FROM catalog_items WHERE id = 8
ORDER BY size;

SELECT name, unnest(sizes) AS size FROM catalog_items WHERE id = 2 ORDER BY size;

-- Array literal output and comparison
SELECT ARRAY[1, 2, 3] AS ints, ARRAY['a', 'b c', NULL] AS texts, '{1,2}'::int[] = ARRAY[1, 2] AS equal;
SELECT tags FROM catalog_items WHERE id = 3;

-- Items whose tag list is empty after edits
UPDATE catalog_items SET tags = '{}' WHERE id = 7;
SELECT id, name, tags, coalesce(array_length(tags, 1), 0) AS n FROM catalog_items WHERE tags = '{}';

-- Invalid input
INSERT INTO catalog_items (category_id, name, price, tags) VALUES (1, 'bad tags', 10, 'sale');
INSERT INTO catalog_items (category_id, name, price, sizes) VALUES (1, 'bad sizes', 10, '{40,forty}');
INSERT INTO catalog_items (category_id, name, price) VALUES (99, 'no category', 10);
SELECT name FROM catalog_items WHERE tags @> 'hiking';

-- Removing a category subtree is blocked by the items that use it
DELETE FROM categories WHERE slug = 'outdoor';
DELETE FROM catalog_items WHERE category_id = 6;
DELETE FROM categories WHERE slug = 'outdoor';
SELECT slug FROM categories ORDER BY id;
