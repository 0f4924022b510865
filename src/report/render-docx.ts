/**
 * The report as a Word document (the `docx` package): real headings (so that
 * Word's navigation pane and a user-inserted table of contents work), a contents
 * list of internal links, paragraphs with real footnotes, tables with a repeating
 * header row, and charts as SVG images with a PNG fallback for Word and WPS
 * versions that cannot show SVG. Everything stays editable: no text is an image,
 * no field needs updating on open (so Word asks nothing when it opens the file).
 * The library XML-escapes all text.
 *
 * PNG fallbacks come from the caller (the report job draws them with the PDF's
 * Chromium), else from resvg (@resvg/resvg-js, a prebuilt binary shipped in its
 * npm package) with the Noto CJK fonts when installed, else the system fonts —
 * slower on CJK text, but needs no browser. Libraries load on first use.
 */
import { existsSync } from 'node:fs';
import type { ReportDocument, Run, Section, TableBlock } from './document.js';
import type { RenderedChart } from './charts.js';
import { anchor, formatCell, numberBlocks, numbered, sectionTitle, type Numbering } from './render-html.js';

type Docx = typeof import('docx');
type Paragraph = InstanceType<Docx['Paragraph']>;
type Table = InstanceType<Docx['Table']>;

const FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];

/** A chart's PNG (2× its size), for Word processors that do not show SVG. */
export async function chartPng(chart: RenderedChart): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const files = FONT_FILES.filter((f) => existsSync(f));
  const resvg = new Resvg(chart.svg, {
    fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff',
    font: files.length > 0 ? { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'Noto Sans CJK SC' } : { loadSystemFonts: true },
  });
  return Buffer.from(resvg.render().asPng());
}

const FONT = { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Calibri', eastAsia: 'Microsoft YaHei' };
const BLUE = '14365C';
/** Text width of an A4 page with 2 cm margins, in px at 96 dpi. */
const TEXT_WIDTH_PX = 602;

/** Footnote ids as Word numbers them: 1, 2, 3 in order of the document's notes. */
function runsOf(d: Docx, runs: readonly Run[]) {
  return runs.flatMap((r) => {
    const out: (InstanceType<Docx['TextRun']> | InstanceType<Docx['FootnoteReferenceRun']>)[] = [new d.TextRun({ text: r.text, bold: r.strong === true, ...(r.strong ? { color: '8A1F11' } : {}) })];
    if (r.note !== undefined) out.push(new d.FootnoteReferenceRun(r.note));
    return out;
  });
}

function tableOf(d: Docx, t: TableBlock, doc: ReportDocument): Table {
  const widths = t.columns.map((c) => (c.type === 'text' ? 3 : 1.4));
  const total = widths.reduce((a, b) => a + b, 0);
  const cell = (text: string, header: boolean, numeric: boolean, highlight: boolean, i: number) => new d.TableCell({
    width: { size: Math.round((widths[i] ?? 1) / total * 5000), type: d.WidthType.PERCENTAGE },
    ...(header ? { shading: { type: d.ShadingType.CLEAR, color: 'auto', fill: 'E8EEF5' } } : highlight ? { shading: { type: d.ShadingType.CLEAR, color: 'auto', fill: 'FDECEA' } } : {}),
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    children: [new d.Paragraph({
      alignment: numeric ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT, spacing: { before: 0, after: 0, line: 240 },
      children: [new d.TextRun({ text, size: 16, bold: header || highlight, ...(header ? { color: BLUE } : {}) })],
    })],
  });
  const highlight = new Set(t.highlight ?? []);
  return new d.Table({
    width: { size: 5000, type: d.WidthType.PERCENTAGE },
    rows: [
      new d.TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.label, true, false, false, i)) }),
      ...t.rows.map((row, r) => new d.TableRow({
        cantSplit: true,
        children: t.columns.map((c, i) => cell(formatCell(row[i] ?? null, c, doc.lang), false, c.type !== 'text', highlight.has(r), i)),
      })),
    ],
  });
}

function caption(d: Docx, text: string): Paragraph {
  return new d.Paragraph({ spacing: { before: 120, after: 60 }, keepNext: true, children: [new d.TextRun({ text, bold: true, size: 19, color: BLUE })] });
}

interface Pictures {
  readonly charts: ReadonlyMap<string, RenderedChart>;
  readonly pngs?: ReadonlyMap<string, Buffer>;
}

async function sectionChildren(d: Docx, s: Section, depth: number, doc: ReportDocument, pictures: Pictures, numbers: Numbering): Promise<(Paragraph | Table)[]> {
  const levels = [d.HeadingLevel.HEADING_1, d.HeadingLevel.HEADING_2, d.HeadingLevel.HEADING_3, d.HeadingLevel.HEADING_4];
  const out: (Paragraph | Table)[] = [new d.Paragraph({
    heading: levels[Math.min(depth, levels.length - 1)], pageBreakBefore: depth === 0, keepNext: true,
    children: [new d.Bookmark({ id: anchor(s.id).replace(/-/g, '_'), children: [new d.TextRun(sectionTitle(s))] })],
  })];
  for (const b of s.blocks) {
    switch (b.kind) {
      case 'paragraph':
        out.push(new d.Paragraph({ spacing: { after: 100 }, children: runsOf(d, b.runs) }));
        break;
      case 'list':
        for (const item of b.items) out.push(new d.Paragraph({ bullet: { level: 0 }, spacing: { after: 60 }, children: runsOf(d, item) }));
        break;
      case 'table':
        out.push(caption(d, numbered(doc, doc.labels.table, numbers.tables.get(b.id), b.title)));
        out.push(tableOf(d, b, doc));
        if (b.note) out.push(new d.Paragraph({ children: [new d.TextRun({ text: b.note, size: 16, color: '555555' })] }));
        out.push(new d.Paragraph({ spacing: { after: 80 }, children: [] }));
        break;
      case 'chart': {
        const chart = pictures.charts.get(b.id);
        if (!chart) break;
        const scale = Math.min(1, TEXT_WIDTH_PX / chart.width);
        const size = { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) };
        out.push(new d.Paragraph({
          alignment: d.AlignmentType.CENTER, keepNext: true,
          children: [new d.ImageRun({
            type: 'svg', data: Buffer.from(chart.svg, 'utf8'), transformation: size,
            fallback: { type: 'png', data: pictures.pngs?.get(b.id) ?? await chartPng(chart) },
            altText: { name: b.title, title: b.title, description: b.caption ?? b.title },
          })],
        }));
        out.push(new d.Paragraph({
          alignment: d.AlignmentType.CENTER, spacing: { after: b.caption ? 0 : 160 },
          children: [new d.TextRun({ text: numbered(doc, doc.labels.chart, numbers.charts.get(b.id), b.title), bold: true, size: 19, color: BLUE })],
        }));
        if (b.caption) out.push(new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: { after: 160 }, children: [new d.TextRun({ text: b.caption, size: 17, color: '555555' })] }));
        break;
      }
    }
  }
  for (const c of s.sections) out.push(...await sectionChildren(d, c, depth + 1, doc, pictures, numbers));
  return out;
}

function contents(d: Docx, sections: readonly Section[], depth = 0): Paragraph[] {
  if (depth > 1) return [];
  return sections.flatMap((s) => [
    new d.Paragraph({
      indent: { left: depth * 360 }, spacing: { after: 40 },
      children: [new d.InternalHyperlink({ anchor: anchor(s.id).replace(/-/g, '_'), children: [new d.TextRun({ text: sectionTitle(s), style: 'Hyperlink' })] })],
    }),
    ...contents(d, s.sections, depth + 1),
  ]);
}

/**
 * The DOCX file of a document whose charts are rendered. `pngs` are the fallback
 * images when the caller has them (PdfPrinter.chartPngs); otherwise resvg draws them.
 */
export async function renderReportDocx(doc: ReportDocument, charts: ReadonlyMap<string, RenderedChart>, pngs?: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const d: Docx = await import('docx');
  const numbers = numberBlocks(doc);
  const body: (Paragraph | Table)[] = [];
  for (const s of doc.sections) body.push(...await sectionChildren(d, s, 0, doc, { charts, ...(pngs ? { pngs } : {}) }, numbers));
  const footnotes = Object.fromEntries(doc.footnotes.map((f) => [String(f.number), { children: [new d.Paragraph({ children: [new d.TextRun({ text: f.text, size: 16 })] })] }]));
  const document = new d.Document({
    creator: 'ChainAtlas', title: doc.title, description: doc.subtitle,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 }, paragraph: { spacing: { line: 300 } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: BLUE }, paragraph: { spacing: { before: 240, after: 160 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: BLUE }, paragraph: { spacing: { before: 200, after: 120 } } },
        heading3: { run: { font: FONT, size: 23, bold: true, color: '24476B' }, paragraph: { spacing: { before: 160, after: 80 } } },
        heading4: { run: { font: FONT, size: 21, bold: true, color: '24476B' }, paragraph: { spacing: { before: 120, after: 60 } } },
      },
    },
    footnotes,
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
      footers: {
        default: new d.Footer({ children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [new d.TextRun({ children: [d.PageNumber.CURRENT], size: 18 })] })] }),
      },
      children: [
        new d.Paragraph({ spacing: { before: 2400, after: 240 }, children: [new d.TextRun({ text: doc.title, bold: true, size: 44, color: BLUE })] }),
        new d.Paragraph({ spacing: { after: 600 }, children: [new d.TextRun({ text: doc.subtitle, size: 28, color: '24476B' })] }),
        ...doc.meta.map((m) => new d.Paragraph({ children: [new d.TextRun({ text: m, size: 19, color: '555555' })] })),
        new d.Paragraph({ pageBreakBefore: true, heading: d.HeadingLevel.TITLE, children: [new d.TextRun({ text: doc.labels.contents, bold: true, size: 30, color: BLUE })] }),
        ...contents(d, doc.sections),
        ...body,
      ],
    }],
  });
  return d.Packer.toBuffer(document);
}
