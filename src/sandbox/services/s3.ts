// PLACEHOLDER: being implemented by a helper; answers every call with NotImplemented.
import type { EmulatorFactory } from "../types.js";

export const createS3Emulator: EmulatorFactory = () => ({
  service: "s3",
  operation: () => "Unknown",
  handle: () => ({ status: 501, body: "NotImplemented" }),
  error: (status, code, message) => ({ status, body: `${code}: ${message}` }),
});
