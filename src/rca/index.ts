/** RCA documents: what one holds (document.ts), how it reads (markdown.ts), where it goes (store.ts, config.ts). */
export {
  DEFAULT_RCA_CONFIG,
  RcaConfigSchema,
  RcaS3ConfigSchema,
  type RcaConfig,
  type RcaConfigInput,
  type RcaS3Config,
} from "./config.js";
export {
  RCA_SCHEMA_VERSION,
  RcaDocumentSchema,
  rcaDocumentFor,
  type RcaDocument,
  type RcaDocumentInput,
} from "./document.js";
export { renderRcaMarkdown } from "./markdown.js";
export {
  RcaLocationSchema,
  localRcaStore,
  rcaStoreFor,
  s3RcaStore,
  type RcaLocation,
  type RcaStore,
  type RcaStoreDependencies,
  type S3RcaStoreOptions,
} from "./store.js";
