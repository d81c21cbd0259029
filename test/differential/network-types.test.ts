import { differentialSuite } from "../support/differential.js";

/** inet, cidr, macaddr and macaddr8 (codecs/inet*.ts, codecs/macaddr.ts, lib/network.ts) against PostgreSQL. */
differentialSuite(
  "network address types match PostgreSQL",
  [
    "CREATE TABLE hosts (id int PRIMARY KEY, ip inet, net cidr, mac macaddr, mac8 macaddr8)",
    `INSERT INTO hosts VALUES
      (1, '192.168.1.5/24', '192.168.1.0/24', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05'),
      (2, '10.0.0.1', '10.0.0.0/8', '08-00-2b-01-02-04', '0800.2b01.0203.0405'),
      (3, '2001:db8::1', '2001:db8::/32', '0800.2b01.0205', '08002b0102030406'),
      (4, '10.1.2.3/16', '10.1.0.0/16', 'AA:BB:CC:DD:EE:FF', 'aa:bb:cc:dd:ee:ff:00:11'),
      (5, '::ffff:1.2.3.4', '0.0.0.0/0', '08002b010206', '08:00:2b:01:02:03'),
      (6, NULL, NULL, NULL, NULL),
      (7, '10.0.0.0/8', '10.0.0.0/16', '00:00:00:00:00:00', '00:00:00:00:00:00:00:00')`,
  ],
  [
    // input and output, storage
    "SELECT id, ip, net, mac, mac8 FROM hosts ORDER BY id",
    "SELECT '1.2.3.4'::inet, '1.2.3.4/32'::inet, '1.2.3.0/24'::inet, '::1'::inet, '::'::inet, 'fe80::1:2:3:4/64'::inet",
    "SELECT '10'::cidr, '10.1'::cidr, '128.1'::cidr, '192.168.1'::cidr, '224.0.0.0'::cidr, '2001:db8::/48'::cidr",
    "SELECT pg_typeof('1.2.3.4'::inet), pg_typeof('10/8'::cidr), pg_typeof(ip), pg_typeof(net) FROM hosts WHERE id = 1",
    "SELECT '300.1.1.1'::inet",
    "SELECT '1.2.3.4/33'::inet",
    "SELECT '192.168.1.5/24'::cidr",
    "SELECT 'not an address'::cidr",
    "SELECT '08:00:2b:01:02'::macaddr",
    "SELECT '01:02:03:04:05:06:07'::macaddr8",
    "INSERT INTO hosts (id, ip) VALUES (100, '1.2.3.999')",
    // ordering, comparisons, grouping
    "SELECT id, ip FROM hosts ORDER BY ip NULLS FIRST, id",
    "SELECT id, net FROM hosts ORDER BY net DESC, id",
    "SELECT id, mac FROM hosts ORDER BY mac, id",
    "SELECT id FROM hosts WHERE ip = '10.0.0.1' OR net = '10.1.0.0/16' ORDER BY id",
    "SELECT id FROM hosts WHERE ip > '10.0.0.1' ORDER BY id",
    "SELECT min(ip), max(ip), count(DISTINCT family(ip)) FROM hosts",
    "SELECT '10.0.0.0/8'::inet < '10.0.0.0/16'::inet, '10.0.0.0/16'::inet < '10.1.0.0/8'::inet, '1.2.3.4'::inet < '::1'::inet",
    "SELECT '10.0.0.0/8'::cidr = '10.0.0.0/8'::inet, mac = '08:00:2b:01:02:03' FROM hosts WHERE id = 1",
    // functions
    "SELECT id, host(ip), text(ip), abbrev(ip), masklen(ip), family(ip) FROM hosts ORDER BY id",
    "SELECT id, network(ip), netmask(ip), hostmask(ip), broadcast(ip) FROM hosts ORDER BY id",
    "SELECT id, abbrev(net), set_masklen(ip, 16), set_masklen(net, 8), ip::text, net::text, ip::cidr FROM hosts WHERE id <> 3 ORDER BY id",
    "SELECT set_masklen('10.0.0.1'::inet, -1), set_masklen('::1/64'::inet, 128), set_masklen('10.0.0.0/16'::cidr, -1)",
    "SELECT set_masklen('10.0.0.1'::inet, 33)",
    "SELECT inet_same_family(ip, '::1'), inet_merge(ip, '10.200.0.0/16') FROM hosts WHERE family(ip) = 4 ORDER BY id",
    "SELECT inet_merge('10.0.0.1', '::1')",
    "SELECT abbrev('10.1.0.0/16'::cidr), abbrev('2001:db8::/32'::cidr), abbrev('0.0.0.0/0'::cidr), abbrev('::/0'::cidr)",
    // containment
    "SELECT id, ip << '10.0.0.0/8', ip <<= '10.0.0.0/8', ip >> '10.0.0.0/8', ip >>= '10.0.0.0/8', ip && '10.0.0.0/8' FROM hosts ORDER BY id",
    "SELECT count(*) FILTER (WHERE ip << '10.0.0.0/8' OR ip << '192.168.0.0/16') AS private, count(*) FILTER (WHERE family(ip) = 6) AS v6 FROM hosts",
    "SELECT network(set_masklen(ip, 16)) AS subnet, count(*) FROM hosts WHERE family(ip) = 4 GROUP BY 1 ORDER BY 1",
    "SELECT h.id, n.id FROM hosts h JOIN hosts n ON h.ip << n.net ORDER BY 1, 2",
  ],
);
