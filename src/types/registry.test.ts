import { describe, expect, it } from "vitest";
import { pgTypeColumns, pgTypeRows } from "./builtin-types.generated.js";
import {
  allTypes,
  arrayTypeOf,
  declaredTypeName,
  elementTypeOf,
  formatType,
  isArrayType,
  Oid,
  parseDeclaredType,
  typeByName,
  typeByOid,
  typmodFromArgs,
} from "./registry.js";

describe("builtin type table", () => {
  it("holds every pg_catalog type with all pg_type columns", () => {
    expect(pgTypeRows.length).toBeGreaterThan(400);
    expect(pgTypeColumns).toContain("typinput");
    expect(pgTypeColumns).toContain("typcollation");
    for (const row of pgTypeRows) expect(row).toHaveLength(pgTypeColumns.length);
    expect([...allTypes()].length).toBe(pgTypeRows.length);
  });
});

describe("typeByOid and typeByName", () => {
  it("finds types by OID with their pg_type attributes", () => {
    const t = typeByOid(23)!;
    expect(t).toMatchObject({
      name: "int4",
      len: 4,
      byVal: true,
      category: "N",
      array: 1007,
      sqlName: "integer",
    });
    expect(typeByOid(1043)).toMatchObject({
      name: "varchar",
      collation: 100,
      input: "varcharin",
      send: "varcharsend",
    });
    expect(typeByOid(603)?.delimiter).toBe(";");
    expect(typeByOid(999999)).toBeUndefined();
  });

  it("accepts typnames, qualified names and SQL spellings", () => {
    expect(typeByName("int4")?.oid).toBe(23);
    expect(typeByName("_int4")?.oid).toBe(1007);
    expect(typeByName("pg_catalog.timestamptz")?.oid).toBe(1184);
    expect(typeByName("INTEGER")?.oid).toBe(23);
    expect(typeByName("double precision")?.oid).toBe(701);
    expect(typeByName("character  varying")?.oid).toBe(1043);
    expect(typeByName("timestamp with time zone")?.oid).toBe(1184);
    expect(typeByName("text")?.oid).toBe(25);
    expect(typeByName("uuid")?.oid).toBe(2950);
    expect(typeByName("json")?.oid).toBe(114);
    expect(typeByName("decimal")?.oid).toBe(1700);
    expect(typeByName("boolean")?.oid).toBe(16);
    expect(typeByName("integer[]")?.oid).toBe(1007);
    expect(typeByName('"char"')?.oid).toBe(18);
    expect(typeByName("char")?.oid).toBe(18);
    expect(typeByName("character")?.oid).toBe(1042);
    expect(typeByName("nosuchtype")).toBeUndefined();
  });

  it("relates arrays and elements", () => {
    expect(arrayTypeOf(23)).toBe(1007);
    expect(elementTypeOf(1007)).toBe(23);
    expect(elementTypeOf(23)).toBeUndefined();
    // name, point and int2vector have a typelem but are not arrays.
    expect(elementTypeOf(Oid.name)).toBeUndefined();
    expect(elementTypeOf(600)).toBeUndefined();
    expect(elementTypeOf(Oid.int2vector)).toBeUndefined();
    expect(isArrayType(1009)).toBe(true);
    expect(arrayTypeOf(Oid.void)).toBeUndefined();
  });
});

describe("typmods", () => {
  it("encodes typmod arguments as PostgreSQL's typmodin functions do", () => {
    expect(typmodFromArgs(Oid.varchar, [20])).toBe(24);
    expect(typmodFromArgs(Oid.bpchar, [1])).toBe(5);
    expect(typmodFromArgs(Oid.numeric, [10, 2])).toBe(((10 << 16) | 2) + 4);
    expect(typmodFromArgs(Oid.numeric, [10])).toBe((10 << 16) + 4);
    expect(typmodFromArgs(Oid.numeric, [10, -2])).toBe(((10 << 16) | (-2 & 0x7ff)) + 4);
    expect(typmodFromArgs(Oid.timestamp, [3])).toBe(3);
    expect(typmodFromArgs(Oid.timestamptz, [9])).toBe(6);
    expect(typmodFromArgs(Oid.interval, [32767, 3])).toBe(2147418115);
    expect(typmodFromArgs(Oid.interval, [4096, 2])).toBe(268435458);
    expect(typmodFromArgs(Oid.interval, [32767])).toBe(-1);
    expect(typmodFromArgs(1015, [20])).toBe(24);
    expect(typmodFromArgs(Oid.int4, [])).toBe(-1);
  });

  it("rejects bad typmods with PostgreSQL's errors", () => {
    expect(() => typmodFromArgs(Oid.varchar, [0])).toThrow("length for type varchar must be at least 1");
    expect(() => typmodFromArgs(Oid.bpchar, [10485761])).toThrow(
      "length for type char cannot exceed 10485760",
    );
    expect(() => typmodFromArgs(Oid.numeric, [1001])).toThrow(
      "NUMERIC precision 1001 must be between 1 and 1000",
    );
    expect(() => typmodFromArgs(Oid.numeric, [5, -1001])).toThrow(
      "NUMERIC scale -1001 must be between -1000 and 1000",
    );
    expect(() => typmodFromArgs(Oid.time, [-1])).toThrow("TIME(-1) precision must not be negative");
    expect(() => typmodFromArgs(Oid.int4, [3])).toThrow('type modifier is not allowed for type "int4"');
  });

  it("prints types like format_type", () => {
    expect(formatType(Oid.varchar, 24)).toBe("character varying(20)");
    expect(formatType(Oid.numeric, 655366)).toBe("numeric(10,2)");
    expect(formatType(Oid.numeric, ((10 << 16) | (-2 & 0x7ff)) + 4)).toBe("numeric(10,-2)");
    expect(formatType(Oid.numeric, 3)).toBe("numeric");
    expect(formatType(Oid.timestamptz, 3)).toBe("timestamp(3) with time zone");
    expect(formatType(Oid.time, 0)).toBe("time(0) without time zone");
    expect(formatType(Oid.timetz)).toBe("time with time zone");
    expect(formatType(1007)).toBe("integer[]");
    expect(formatType(1015, 24)).toBe("character varying(20)[]");
    expect(formatType(Oid.bpchar)).toBe("character");
    expect(formatType(Oid.bpchar, -1, true)).toBe("bpchar");
    expect(formatType(1014, -1, true)).toBe("bpchar[]");
    expect(formatType(Oid.bit, -1, true)).toBe('"bit"');
    expect(formatType(Oid.bit, 5)).toBe("bit(5)");
    expect(formatType(Oid.varbit)).toBe("bit varying");
    expect(formatType(Oid.char)).toBe('"char"');
    expect(formatType(Oid.int4, 5)).toBe("integer");
    expect(formatType(Oid.name, 5)).toBe("name(5)");
    expect(formatType(Oid.interval, 268435458)).toBe("interval second(2)");
    expect(formatType(Oid.interval, 2147418115)).toBe("interval(3)");
    expect(formatType(Oid.interval, 470351871)).toBe("interval day to second");
    expect(formatType(Oid.interval, 402653184)).toBe("interval minute to second(0)");
    expect(formatType(Oid.interval, 327679)).toBe("interval year");
  });

  it("writes and reads declared column types", () => {
    expect(declaredTypeName(Oid.int4, -1)).toBe("int4");
    expect(declaredTypeName(Oid.varchar, 24)).toBe("varchar(20)");
    expect(declaredTypeName(Oid.numeric, 655366)).toBe("numeric text(10,2)");
    expect(declaredTypeName(Oid.timestamptz, 3)).toBe("timestamptz(3)");
    expect(declaredTypeName(1007, -1)).toBe("_int4");
    expect(declaredTypeName(1015, 24)).toBe("_varchar(20)");
    expect(declaredTypeName(Oid.interval, 268435458)).toBe("interval(4096,2)");
    for (const [oid, typmod] of [
      [Oid.varchar, 24],
      [Oid.numeric, 655366],
      [Oid.numeric, ((5 << 16) | (-3 & 0x7ff)) + 4],
      [Oid.timestamptz, 3],
      [1015, 24],
      [Oid.interval, 268435458],
      [Oid.interval, 327679],
      [Oid.text, -1],
    ] as const) {
      expect(parseDeclaredType(declaredTypeName(oid, typmod))).toEqual({ oid, typmod });
    }
    expect(parseDeclaredType("VARCHAR(20)")).toEqual({ oid: Oid.varchar, typmod: 24 });
    expect(parseDeclaredType("integer")).toEqual({ oid: Oid.int4, typmod: -1 });
    expect(parseDeclaredType("int4[]")).toEqual({ oid: 1007, typmod: -1 });
    expect(parseDeclaredType("blob")).toBeUndefined();
    expect(parseDeclaredType("varchar(0)")).toBeUndefined();
  });
});
