/** An answer in the Table API's error shape: `{"error":{"message","detail"},"status":"failure"}`. */
export class TableApiError extends Error {
  override readonly name = "TableApiError";

  constructor(
    readonly status: number,
    message: string,
    readonly detail: string | null,
  ) {
    super(message);
  }

  body(): string {
    return errorBody(this.message, this.detail);
  }
}

export function errorBody(message: string, detail: string | null): string {
  return JSON.stringify({ error: { message, detail }, status: "failure" });
}
