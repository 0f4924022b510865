/**
 * The shape of a chain-taxonomy file (e.g. data/frameworks/industrial-internet.json),
 * as zod schemas whose `.describe()` texts document the format for import docs and
 * OpenAPI. Only the shape lives here; the rules that need the whole file (unique
 * ids, references, cycles, positive weights, both languages present) are checked
 * in parse-framework.ts so that each is reported with its own message code.
 *
 * Limits: objects are strict, so a misspelt field ("keyword", "treshold") is an
 * error rather than silently ignored; a new field needs a schema change here.
 */
import { z } from 'zod';

const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'an id is letters, digits, "_", "." or "-", starting with a letter or digit' })
  .describe('stable identifier; never reused with another meaning once published');

/** Names are checked for both languages after parsing, so that each missing one is reported by name. */
const nameSchema = z
  .strictObject({
    zh: z.string().optional().describe('Chinese name (required)'),
    en: z.string().optional().describe('English name (required)'),
  })
  .describe('name in Chinese and English');

const textSchema = z
  .strictObject({
    zh: z.string().optional().describe('Chinese text'),
    en: z.string().optional().describe('English text'),
  })
  .describe('text in Chinese and English; a missing language falls back to the other when shown');

export const keywordSchema = z
  .union(
    [
      z.string().trim().min(1).describe('a keyword with weight 1'),
      z.strictObject({
        term: z.string().trim().min(1).describe('the word or phrase to find in a text'),
        weight: z.number().optional().describe('how much one hit counts; positive; 1 when absent. 2-3 for specific terms, 0.5 for broad ones'),
      }),
    ],
    { error: 'a keyword is a non-empty string or { "term": "...", "weight": 2 }' },
  )
  .describe('a term that signals the link');

export const negativeSchema = z
  .union(
    [
      z.string().trim().min(1).describe('a misleading phrase'),
      z.strictObject({
        term: z.string().trim().min(1).describe('a phrase that contains or resembles a keyword but does not mean the link'),
        note: z.string().optional().describe('why it misleads'),
      }),
    ],
    { error: 'a negative is a non-empty string or { "term": "...", "note": "..." }' },
  )
  .describe('a phrase in which a keyword does not mean the link');

export const segmentSchema = z
  .strictObject({
    id: idSchema,
    name: nameSchema,
    description: textSchema.optional(),
  })
  .describe('a top-level group of links');

export const linkSchema = z
  .strictObject({
    id: idSchema,
    segment: idSchema.describe('id of the segment the link belongs to'),
    parent: idSchema.optional().describe('id of the parent link, for a sub-link'),
    name: nameSchema,
    position: z.string().describe('default chain position: upstream, midstream or downstream'),
    scope: textSchema.optional().describe('what belongs to the link'),
    keywords: z.array(keywordSchema).optional().describe('terms that signal the link; none means manual assignment only'),
    negatives: z.array(negativeSchema).optional().describe('phrases in which a keyword misleads'),
    threshold: z.number().positive().optional().describe('score a text needs before the link is assigned; the classifier default when absent'),
  })
  .describe('a link of the chain');

const layerSchema = z
  .strictObject({
    id: idSchema,
    name: nameSchema,
    links: z.array(idSchema).describe('ids of the links read as this layer; a link may sit in several layers'),
  })
  .describe('one layer of a view');

export const viewSchema = z
  .strictObject({
    id: idSchema,
    name: nameSchema,
    layers: z.array(layerSchema),
  })
  .describe('an alternative way to read the chain, as groups of links');

const industryDivisionSchema = z.strictObject({
  code: z.string().trim().min(1).describe('division code, e.g. "26"'),
  name: nameSchema,
});

export const industriesSchema = z
  .strictObject({
    standard: z.string().trim().min(1).describe('the classification the codes come from, e.g. "GB/T 4754-2017"'),
    sections: z.array(
      z.strictObject({
        code: z.string().trim().min(1).describe('section code, e.g. "C"'),
        name: nameSchema,
        divisions: z.array(industryDivisionSchema).optional(),
      }),
    ),
  })
  .describe('the customer sectors (penetration industries) cases are filed under');

export const frameworkFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('editor hint; ignored'),
    id: idSchema.describe('framework id, e.g. "industrial-internet"'),
    version: z.string().trim().min(1).describe('version of the taxonomy, e.g. "1.0.0"'),
    name: nameSchema,
    description: textSchema.optional(),
    source: z.string().optional().describe('where the taxonomy comes from'),
    segments: z.array(segmentSchema),
    links: z.array(linkSchema),
    views: z.array(viewSchema).optional(),
    industries: industriesSchema.optional(),
  })
  .describe('a chain taxonomy: segments holding links, with alternative views and customer industries');

export type SegmentInput = z.infer<typeof segmentSchema>;
export type LinkInput = z.infer<typeof linkSchema>;
export type ViewInput = z.infer<typeof viewSchema>;
export type IndustriesInput = z.infer<typeof industriesSchema>;
export type NameInput = z.infer<typeof nameSchema>;
export type KeywordInput = z.infer<typeof keywordSchema>;
export type NegativeInput = z.infer<typeof negativeSchema>;
