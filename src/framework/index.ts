/** Chain taxonomies: the file format, its validating parser and lookups over a parsed framework. */
export { parseFramework, parseFrameworkText } from './parse-framework.js';
export { findLink, linkById, linksOfSegment } from './framework-lookup.js';
export { frameworkFileSchema } from './framework-schema.js';
