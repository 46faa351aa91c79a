/** How node-postgres hands back the column types the Postgres tables use, for their row schemas. */
import { z } from "zod";
import { canonicalIso } from "./rows.js";

/** node-postgres reads timestamptz as a Date (a string if someone changed the type parser). */
export const PgTime = z.union([z.date(), z.string()]).transform(canonicalIso);

/** node-postgres reads bigint as a string, since it may exceed a JS number; a seq will not. */
export const PgSeq = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().min(0));
