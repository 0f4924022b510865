/** Reading user files (XLSX, CSV in UTF-8 or GB18030, JSON), validating them and importing them whole. */
export { importFiles } from './import-files.js';
export type { ImportOptions, ImportReport, FileSummary } from './import-files.js';
export {
  DATA_DIR, DEFAULT_FRAMEWORK_FILE, DEFAULT_DATASET_DIR, readFrameworkFile, loadFramework, readDatasetManifest,
} from './bundled-data.js';
export type { DatasetManifest } from './bundled-data.js';
export { FIELDS } from './fields.js';
export type { FieldSpec, FieldType } from './fields.js';
export { checkCreditCode, withCheckDigit } from './credit-code.js';
export { PROBLEMS_COLUMN } from './rejects-file.js';
export { classifyFile, DEFAULT_BATCH_ROWS } from './classify-file.js';
export { TEXT_HEADERS } from './enterprise-text.js';
export type { ClassifyFileOptions, ClassifyFileProgress, ClassifyFileReport } from './classify-file.js';
export { csvFileSink, parquetFileSink, fileSink, rowSink } from './classification-sinks.js';
export { neutralizeFormula, OUTPUT_HEADERS } from './offering-lines.js';
export type { ClassificationSink, ClassifiedBatch, ClassifiedOfferingRow } from './classification-sinks.js';
export { formatEvidence } from './classify-protocol.js';
