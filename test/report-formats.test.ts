/**
 * The report's files: the HTML is self-contained (no external reference), the
 * XLSX read back with a spreadsheet library gives the document's values typed
 * and no formula, the XLSX and DOCX packages are well formed (every XML part
 * parses, every part has a content type, every relationship points at a part
 * that exists — what Office checks before offering to repair a file), and
 * HTML/script, formula/DDE and template injection in names and case texts is
 * neutralised in every format.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  buildReport, renderCharts, renderReportDocx, reportHtml, reportXlsxBuffer, type ReportDocument, type ReportInput,
} from '../src/report/index.js';
import { DDE, SCRIPT, TEMPLATE, defaultReportInput, hostileReportInput } from './report-fixture.js';

let input: ReportInput;
let close: () => void;
before(async () => ({ input, close } = await defaultReportInput()));
after(() => close());

/** The problems Office would find in a package's structure; empty when it opens without repair. */
async function packageProblems(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.values(zip.files).filter((f) => !f.dir).map((f) => f.name);
  const problems: string[] = [];
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
  for (const name of parts.filter((n) => /\.(xml|rels)$/.test(n))) {
    const valid = XMLValidator.validate(await zip.file(name)?.async('string') ?? '');
    if (valid !== true) problems.push(`${name}: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const types = parser.parse(await zip.file('[Content_Types].xml')?.async('string') ?? '') as { Types?: { Default?: unknown; Override?: unknown } };
  const defaults = new Set(asList(types.Types?.Default as { Extension: string }[] | { Extension: string }).map((d) => d.Extension.toLowerCase()));
  const overrides = new Set(asList(types.Types?.Override as { PartName: string }[] | { PartName: string }).map((o) => o.PartName));
  for (const o of overrides) if (!parts.includes(o.replace(/^\//, ''))) problems.push(`content type for a missing part ${o}`);
  for (const name of parts) {
    if (name === '[Content_Types].xml') continue;
    const ext = name.split('.').pop()?.toLowerCase() ?? '';
    if (!overrides.has(`/${name}`) && !defaults.has(ext)) problems.push(`no content type for ${name}`);
  }
  for (const rels of parts.filter((n) => n.endsWith('.rels'))) {
    const base = rels.replace(/(^|\/)_rels\/[^/]*\.rels$/, '$1');
    const doc = parser.parse(await zip.file(rels)?.async('string') ?? '') as { Relationships?: { Relationship?: unknown } };
    for (const r of asList(doc.Relationships?.Relationship as { Target: string; TargetMode?: string }[] | { Target: string; TargetMode?: string })) {
      if (r.TargetMode === 'External') continue;
      const target = r.Target.startsWith('/') ? r.Target.slice(1) : normalise(`${base}${r.Target}`);
      if (!parts.includes(target)) problems.push(`${rels} points at missing ${target}`);
    }
  }
  return problems;
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

async function rendered(doc: ReportDocument) {
  const charts = await renderCharts(doc);
  return { html: reportHtml(doc, charts), docx: await renderReportDocx(doc, charts), xlsx: await reportXlsxBuffer(doc) };
}

test('HTML is one self-contained file: no script, no external reference', async () => {
  for (const outline of ['default', 'chain-leader'] as const) {
    const { html } = await rendered(buildReport(input, { lang: 'zh', outline }));
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script|<link\b|<iframe|<img\b|<object|<embed|@import|javascript:/i);
    assert.doesNotMatch(html, /\bsrc\s*=/i, 'nothing is loaded');
    for (const m of html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)) assert.match(m[1] ?? '', /^#/, `link ${m[1]} stays in the page`);
    for (const m of html.matchAll(/url\(([^)]*)\)/gi)) assert.match(m[1] ?? '', /^['"]?#/, `url(${m[1]}) stays in the page`);
    // The only URIs are the SVG and XLink namespace names, which are never fetched.
    const uris = new Set([...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]));
    assert.deepEqual([...uris].sort(), ['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg'].filter((u) => uris.has(u)));
    assert.match(html, /<svg/);
  }
});

test('XLSX read back: one sheet per table, the same typed values, frozen headers, no formula', async () => {
  const doc = buildReport(input, { lang: 'zh' });
  const bytes = await reportXlsxBuffer(doc);
  assert.deepEqual(await packageProblems(bytes), []);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  assert.deepEqual(book.worksheets.slice(1).map((w) => w.name), doc.sheets.map((s) => s.sheet));
  for (const t of doc.sheets) {
    const ws = book.getWorksheet(t.sheet ?? '');
    assert.ok(ws, t.sheet);
    assert.deepEqual(ws.views[0], { ...ws.views[0], state: 'frozen', ySplit: 1 });
    assert.deepEqual(t.columns.map((_, j) => ws.getRow(1).getCell(j + 1).value), t.columns.map((c) => c.label));
    t.rows.forEach((row, i) => row.forEach((value, j) => {
      const cell = ws.getRow(i + 2).getCell(j + 1);
      const expected = value === '' || (typeof value === 'number' && !Number.isFinite(value)) ? null : value;
      assert.equal(cell.value ?? null, expected, `${t.sheet}!${cell.address}`);
      if (typeof value === 'number') assert.equal(cell.type, ExcelJS.ValueType.Number);
    }));
  }
  book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `${ws.name}!${cell.address}`))));
  const zip = await JSZip.loadAsync(bytes);
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/.*\.xml$/.test(n))) {
    assert.doesNotMatch(await zip.file(name)?.async('string') ?? '', /<f[ >]/, `${name} has a formula`);
  }
});

test('DOCX: a well-formed package with headings, tables, footnotes and SVG charts with PNG fallbacks', async () => {
  for (const lang of ['zh', 'en'] as const) {
    const doc = buildReport(input, { lang });
    const { docx } = await rendered(doc);
    assert.deepEqual(await packageProblems(docx), [], lang);
    const zip = await JSZip.loadAsync(docx);
    const body = await zip.file('word/document.xml')?.async('string') ?? '';
    assert.match(body, /<w:pStyle w:val="Heading1"\/>/);
    assert.match(body, /<w:tbl>/);
    assert.match(body, /<w:footnoteReference w:id="1"\/>/);
    assert.ok(body.includes(doc.sections[0]?.title ?? '?'), 'the first heading');
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    const charts = doc.sections.flatMap(function walk(s): number[] { return [s.blocks.filter((b) => b.kind === 'chart').length, ...s.sections.flatMap(walk)]; }).reduce((a, b) => a + b, 0);
    assert.equal(media.filter((n) => n.endsWith('.svg')).length, charts, 'one SVG per chart');
    assert.equal(media.filter((n) => n.endsWith('.png')).length, charts, 'one PNG fallback per chart');
    const footnotes = await zip.file('word/footnotes.xml')?.async('string') ?? '';
    assert.ok(footnotes.includes(doc.footnotes[0]?.text.slice(0, 10) ?? '?'));
    assert.doesNotMatch(await zip.file('word/settings.xml')?.async('string') ?? '', /updateFields/, 'Word asks nothing on open');
  }
});

test('injection in names and case texts is neutralised in HTML, XLSX and DOCX', async () => {
  const hostile = hostileReportInput();
  for (const outline of ['default', 'chain-leader'] as const) {
    for (const lang of ['zh', 'en'] as const) {
      const doc = buildReport(hostile, { lang, outline });
      const { html, docx, xlsx } = await rendered(doc);
      // HTML: the script is text, the template is left as typed.
      assert.doesNotMatch(html, /<script/i, `${outline} ${lang}`);
      assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), 'shown as text');
      assert.ok(html.includes(TEMPLATE) && !html.includes('>49<'), 'template text is not evaluated');
      // XLSX: formula-looking text is a string cell with the text format; nothing is a formula.
      assert.deepEqual(await packageProblems(xlsx), []);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx as unknown as ArrayBuffer);
      let risky = 0;
      let dde = 0;
      book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
        assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `${ws.name}!${cell.address}`);
        if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) {
          risky++;
          assert.equal(cell.type, ExcelJS.ValueType.String);
          assert.equal(cell.numFmt, '@', `${ws.name}!${cell.address} is text-formatted`);
        }
        if (cell.value === DDE) dde++;
      })));
      assert.ok(risky > 0 && dde > 0, 'the probes were written, as text');
      const zip = await JSZip.loadAsync(xlsx);
      for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/.*\.xml$/.test(n))) {
        assert.doesNotMatch(await zip.file(name)?.async('string') ?? '', /<f[ >]/);
      }
      // DOCX: escaped by the XML writer, the package still well formed.
      assert.deepEqual(await packageProblems(docx), []);
      const body = await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string') ?? '';
      assert.doesNotMatch(body, /<script/i);
      assert.ok(body.includes('&lt;script&gt;'), 'script shown as text');
      assert.ok(body.includes(TEMPLATE));
      assert.ok(body.includes(DDE.replace(/'/g, '&apos;')) || body.includes(DDE), 'formula text kept as text');
    }
  }
  assert.ok(SCRIPT.startsWith('<'));
});
