// int2vector and oidvector (pg_index.indkey, indclass, ...): PostgreSQL treats them as
// one-dimensional arrays of int2 and oid whose subscripts start at 0. They are stored as their
// text form ('1 2'); where an array is wanted they are read as the JSON array of their elements.

const VECTORS: Readonly<Record<number, { element: number; array: number }>> = {
  22: { element: 21, array: 1005 }, // int2vector: int2, int2[]
  30: { element: 26, array: 1028 }, // oidvector: oid, oid[]
};

/** Whether oid is int2vector or oidvector. */
export function isVectorType(oid: number): boolean {
  return VECTORS[oid] !== undefined;
}

/** The element type of a vector type, or undefined. */
export function vectorElement(oid: number): number | undefined {
  return VECTORS[oid]?.element;
}

/** The array type a vector type reads as (int2[], oid[]), or undefined. */
export function vectorArray(oid: number): number | undefined {
  return VECTORS[oid]?.array;
}

/** SQLite SQL turning a stored vector ('1 2', '' when empty) into the stored array ('[1,2]'). */
export function vectorToArraySql(sql: string): string {
  return `('[' || replace(${sql}, ' ', ',') || ']')`;
}

/**
 * The type OID passed to a function that takes the argument's type (passTypes): a vector converted
 * to its array type is still named as the vector, so that subscripts start at 0.
 */
export function passedType(given: number, converted: number): number {
  return vectorArray(given) === converted ? given : converted;
}

/** The lower bound of an array's subscripts: 0 for the vector types, else 1. */
export function lowerBound(arrayOid: number): number {
  return isVectorType(arrayOid) ? 0 : 1;
}
