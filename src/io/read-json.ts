import { readFile } from "node:fs/promises";
import { UserInputError } from "../errors.js";

/** Reads a JSON file; a missing file or bad JSON is the user's error, named with the file. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new UserInputError(`cannot read ${what} file ${path}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserInputError(`${what} file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reads JSON Lines: one value per non-empty line; a bad line is named by its number. */
export async function readJsonLines(path: string, what: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new UserInputError(`cannot read ${what} file ${path}`);
  }
  return text.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch (error) {
      throw new UserInputError(`${what} file ${path} line ${index + 1} is not valid JSON: ${(error as Error).message}`);
    }
  });
}
