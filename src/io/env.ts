/** The process environment as our code reads it: injected (a test's, a caller's), never mutated. */
export type Env = Readonly<Record<string, string | undefined>>;
