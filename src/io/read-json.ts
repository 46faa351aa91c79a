import { readFile, stat } from "node:fs/promises";
import { UserInputError } from "../errors.js";

/**
 * The largest file we read whole (JSON, JSON Lines, eval datasets). Far above any real batch (the
 * 1,000-case eval dataset is 0.7 MB), far below what would exhaust memory; each value in it is
 * then held to the input limits of src/safety/bounds.ts.
 */
export const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024;

/**
 * A text file read whole, once its size is known to be within `maxBytes`; a missing file or one
 * too large is the user's error, named with the file.
 */
export async function readTextFile(path: string, what: string, maxBytes = MAX_INPUT_FILE_BYTES): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error("not a file");
    size = info.size;
  } catch {
    throw new UserInputError(`cannot read ${what} file ${path}`);
  }
  if (size > maxBytes) {
    throw new UserInputError(`${what} file ${path} is ${size} bytes, larger than the limit of ${maxBytes} bytes`);
  }
  try {
    return await readFile(path, "utf8");
  } catch {
    throw new UserInputError(`cannot read ${what} file ${path}`);
  }
}

/**
 * Reads a JSON file; a missing file or bad JSON is the user's error, named with the file.
 * (V8's JSON.parse does not recurse on the call stack: a million nested arrays parse; it is what
 * consumes the value afterwards that must be bounded.)
 */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  const text = await readTextFile(path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserInputError(`${what} file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads JSON Lines: one value per non-empty line; a bad line is named by its number. */
export async function readJsonLines(path: string, what: string): Promise<unknown[]> {
  const text = await readTextFile(path, what);
  return text.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch (error) {
      throw new UserInputError(`${what} file ${path} line ${index + 1} is not valid JSON: ${(error as Error).message}`);
    }
  });
}
