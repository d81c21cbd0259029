-- Real-estate listings search: properties, agents, price history, feature tags, saved
-- searches and filter queries typical of a listings website.

CREATE TABLE agents (id serial PRIMARY KEY, name text NOT NULL, agency text NOT NULL, phone text);

CREATE TABLE listings (
  id serial PRIMARY KEY,
  agent_id int REFERENCES agents,
  kind text NOT NULL CHECK (kind IN ('house', 'flat', 'bungalow', 'land')),
  street text NOT NULL,
  town text NOT NULL,
  postcode varchar(8) NOT NULL,
  bedrooms smallint,
  bathrooms smallint,
  floor_area_m2 numeric(6,1),
  price integer NOT NULL,
  features text[] NOT NULL DEFAULT '{}',
  listed_on date NOT NULL,
  status text NOT NULL DEFAULT 'available'
);

CREATE TABLE price_changes (
  listing_id int REFERENCES listings ON DELETE CASCADE,
  changed_on date NOT NULL,
  old_price int NOT NULL,
  new_price int NOT NULL
);

INSERT INTO agents (name, agency, phone) VALUES ('Helen Marsh', 'Marsh & Co', '0113 496 0000'), ('Tom Reed', 'City Homes', NULL);

INSERT INTO listings (agent_id, kind, street, town, postcode, bedrooms, bathrooms, floor_area_m2, price, features, listed_on, status) VALUES
  (1, 'house', '12 Elm Road', 'Harrogate', 'HG1 2AB', 4, 2, 142.5, 465000, '{garden,garage,parking}', '2024-04-02', 'available'),
  (1, 'flat', 'Flat 3, 8 Mill St', 'Leeds', 'LS1 4DY', 2, 1, 68, 210000, '{lift,balcony}', '2024-04-10', 'under offer'),
  (2, 'flat', '45 Wharf Lane', 'Leeds', 'LS10 1AA', 1, 1, 48.3, 155000, '{balcony}', '2024-03-21', 'available'),
  (2, 'bungalow', '2 Hollow Way', 'Ilkley', 'LS29 9QR', 3, 1, 96, 389950, '{garden,parking}', '2024-02-14', 'sold'),
  (1, 'land', 'Plot 7, Moor Top', 'Otley', 'LS21 3ZZ', NULL, NULL, NULL, 95000, '{}', '2024-05-01', 'available'),
  (NULL, 'house', '99 High St', 'Leeds', 'LS6 2QT', 5, 3, 201, 625000, '{garden,garage,cellar}', '2024-05-05', 'available');

INSERT INTO listings (kind, street, town, postcode, price, listed_on) VALUES ('castle', '1 Keep', 'York', 'YO1 1AA', 1, '2024-05-01');

INSERT INTO price_changes VALUES
  (1, '2024-04-20', 475000, 465000), (3, '2024-04-15', 165000, 160000), (3, '2024-05-01', 160000, 155000), (4, '2024-03-01', 399950, 389950);

-- Typical search: Leeds postcodes, 2+ bedrooms, under 700k, with a garden
SELECT id, street, bedrooms, price FROM listings
WHERE postcode LIKE 'LS%' AND bedrooms >= 2 AND price < 700000 AND 'garden' = ANY (features) AND status = 'available'
ORDER BY price;

-- Any of several features (overlap)
SELECT id, features FROM listings WHERE features && ARRAY['lift', 'cellar'] ORDER BY id;

-- Price per square metre, formatted
SELECT id, town, price, floor_area_m2, round(price / floor_area_m2) AS per_m2,
       to_char(price, 'FM£999,999,999') AS shown
FROM listings WHERE floor_area_m2 IS NOT NULL ORDER BY per_m2 DESC;

-- Outward code of the postcode
SELECT DISTINCT split_part(postcode, ' ', 1) AS outward FROM listings ORDER BY outward;

SELECT postcode, substring(postcode FROM '^[A-Z]+') AS area, regexp_replace(postcode, '\s', '', 'g') AS compact FROM listings ORDER BY id;

-- Total reduction since listing
SELECT l.id, l.street, max(pc.old_price) AS original, l.price, max(pc.old_price) - l.price AS reduced_by,
       round(100.0 * (max(pc.old_price) - l.price) / max(pc.old_price), 2) AS pct
FROM listings l JOIN price_changes pc ON pc.listing_id = l.id
GROUP BY l.id ORDER BY pct DESC;

-- Days on market as of 2024-05-31
SELECT id, listed_on, DATE '2024-05-31' - listed_on AS days_on_market FROM listings WHERE status <> 'sold' ORDER BY days_on_market DESC;

-- Price statistics per town
SELECT town, count(*), min(price), max(price), avg(price)::int AS mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY price) AS median
FROM listings GROUP BY town ORDER BY town;

-- Listings by kind and status
SELECT kind, status, count(*) FROM listings GROUP BY GROUPING SETS ((kind, status), (kind), ()) ORDER BY kind NULLS LAST, status NULLS LAST;

-- Agents and their stock, including unassigned listings
SELECT coalesce(a.name, 'Unassigned') AS agent, count(l.id) AS listings, sum(l.price) AS value
FROM listings l FULL JOIN agents a ON a.id = l.agent_id
GROUP BY a.name ORDER BY agent;

-- Price bands
SELECT CASE WHEN price < 200000 THEN '< 200k' WHEN price < 400000 THEN '200k-400k' ELSE '400k+' END AS band, count(*)
FROM listings GROUP BY band ORDER BY min(price);

-- Feature frequency
SELECT f AS feature, count(*) FROM listings, unnest(features) f GROUP BY f ORDER BY count(*) DESC, f;

-- Mark as sold
UPDATE listings SET status = 'sold' WHERE id = 2 RETURNING id, status;

-- Reduce a price and log it in one statement with a CTE
WITH changed AS (
  UPDATE listings SET price = price - 10000 WHERE id = 6 RETURNING id, price
)
INSERT INTO price_changes SELECT id, DATE '2024-06-01', price + 10000, price FROM changed RETURNING *;

SELECT id, price FROM listings WHERE id = 6;

-- Invalid kind on update
UPDATE listings SET kind = 'boat' WHERE id = 1;

-- Text search-ish: street contains a word
SELECT id, street FROM listings WHERE street ~* '\m(lane|way)\M' ORDER BY id;

-- Add feature to array
UPDATE listings SET features = array_append(features, 'solar') WHERE id = 1 RETURNING features;
UPDATE listings SET features = array_remove(features, 'garage') WHERE id = 6 RETURNING features;

-- Bedrooms/bathrooms summary
SELECT bedrooms || ' bed / ' || bathrooms || ' bath' AS summary, count(*) FROM listings WHERE bedrooms IS NOT NULL GROUP BY 1 ORDER BY 1;

-- Most expensive per town
SELECT DISTINCT ON (town) town, street, price FROM listings ORDER BY town, price DESC;

-- Newest three
SELECT id, listed_on FROM listings ORDER BY listed_on DESC, id LIMIT 3 OFFSET 1;

SELECT name, phone FROM agents WHERE phone IS NULL OR phone LIKE '0113%';
