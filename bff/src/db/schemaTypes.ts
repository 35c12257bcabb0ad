import type * as pg from './pg/schema.ts';
import type * as sqlite from './sqlite/schema.ts';

// The two dialects' schemas must describe the same rows: the services are typed against the PostgreSQL one and run
// on either. A column added to one schema and not the other fails the type check here.

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Rows<S> = { [K in keyof S]: S[K] extends { $inferSelect: infer R } ? R : never };
type Inserts<S> = { [K in keyof S]: S[K] extends { $inferInsert: infer R } ? R : never };

export const sameRows: Equal<Rows<typeof pg>, Rows<typeof sqlite>> = true;
export const sameInserts: Equal<Inserts<typeof pg>, Inserts<typeof sqlite>> = true;
