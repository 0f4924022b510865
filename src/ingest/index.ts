/** Reading user files (XLSX, CSV in UTF-8 or GB18030, JSON), validating them and importing them whole. */
export { importFiles } from './import-files.js';
export type { ImportOptions, ImportReport, FileSummary } from './import-files.js';
export {
  DATA_DIR, PACKAGE_ROOT, DEFAULT_FRAMEWORK_FILE, DEFAULT_DATASET_DIR, DEFAULT_MODEL_FILE, DEFAULT_EXAMPLES_FILE, readFrameworkFile, loadFramework, readDatasetManifest,
} from './bundled-data.js';
export type { DatasetManifest } from './bundled-data.js';
export { FIELDS } from './fields.js';
export type { FieldSpec, FieldType } from './fields.js';
export { checkCreditCode, withCheckDigit } from './credit-code.js';
export { PROBLEMS_COLUMN } from './rejects-file.js';
export { decomposeStoredCases, registryMentionFinder } from './decompose-cases.js';
export type { DecomposeReport, CaseDecompositionReport, MentionFinderFactory } from './decompose-cases.js';
export { classifyStoredEnterprises, readIndustryLinks, DEFAULT_INDUSTRY_LINKS_FILE } from './classify-stored-enterprises.js';
export type { ClassifyEnterprisesReport } from './classify-stored-enterprises.js';
export { readLabelFile, LABEL_COLUMNS } from './label-file.js';
export { readModelFile, writeModelFile, chooseModel, loadClassifier } from './model-file.js';
export type { ClassifierChoice } from './model-file.js';
export { datasetExamples, DATASET_WEIGHT } from './dataset-examples.js';
export { DEFAULT_ASSESS_CONFIG_FILE, readAssessConfigJson } from './assess-config-file.js';
export { classifyFile, DEFAULT_BATCH_ROWS } from './classify-file.js';
export { TEXT_HEADERS } from './enterprise-text.js';
export type { ClassifyFileOptions, ClassifyFileProgress, ClassifyFileReport } from './classify-file.js';
export { csvFileSink, parquetFileSink, fileSink, rowSink, databaseSink } from './classification-sinks.js';
export { neutralizeFormula, OUTPUT_HEADERS } from './offering-lines.js';
export type { ClassificationSink, ClassifiedBatch, ClassifiedOfferingRow, DatabaseSinkCounts } from './classification-sinks.js';
