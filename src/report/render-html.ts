/**
 * The report as one self-contained HTML file: inline CSS, inline SVG charts, no
 * script, no font or image fetched from anywhere — it opens offline, reads on
 * screen and prints (the PDF is this page printed by Chromium). Every text of the
 * document is HTML-escaped; the chart SVG comes from ECharts, which escapes its
 * own text. Table cells are formatted by their column type.
 *
 * `pages` (section id → page) fills the page numbers of the table of contents
 * when the PDF renderer knows them; without it the contents are links only.
 */
import type { Block, ReportDocument, Run, Section, TableBlock, TableCell, TableColumn } from './document.js';
import { CHART_FONT, renderChartSvg, type RenderedChart } from './charts.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe anywhere in HTML, attributes included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** An id usable in HTML and as a link target, whatever the data called it. */
export const anchor = (id: string): string => `s-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A cell as text, by its column type. */
export function formatCell(value: TableCell, column: TableColumn | undefined, lang: 'zh' | 'en'): string {
  if (value === null || value === '') return value === null ? '—' : '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '—';
  const digits = column?.digits;
  switch (column?.type) {
    case 'integer': return Math.round(value).toLocaleString('en-US');
    case 'percent': return `${(value * 100).toFixed(digits ?? 1)}%`;
    case 'number': return value.toFixed(digits ?? 2);
    default: return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 });
  }
}

export interface Numbering {
  readonly charts: ReadonlyMap<string, number>;
  readonly tables: ReadonlyMap<string, number>;
}

/** Figure and table numbers in reading order. */
export function numberBlocks(doc: ReportDocument): Numbering {
  const charts = new Map<string, number>();
  const tables = new Map<string, number>();
  const visit = (sections: readonly Section[]) => {
    for (const s of sections) {
      for (const b of s.blocks) {
        if (b.kind === 'chart') charts.set(b.id, charts.size + 1);
        if (b.kind === 'table') tables.set(b.id, tables.size + 1);
      }
      visit(s.sections);
    }
  };
  visit(doc.sections);
  return { charts, tables };
}

export const sectionTitle = (s: Section): string => (s.number ? `${s.number}　${s.title}` : s.title);

/** "图3　…" / "Figure 3 …". */
export const numbered = (doc: ReportDocument, label: string, n: number | undefined, title: string): string =>
  doc.lang === 'zh' ? `${label}${n ?? ''}　${title}` : `${label} ${n ?? ''}  ${title}`;

const STYLE = `
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { font-family: ${CHART_FONT}; color: #1d1d1f; font-size: 10.5pt; line-height: 1.6; }
body { margin: 0 auto; max-width: 190mm; padding: 10mm 6mm; }
h1 { font-size: 22pt; line-height: 1.3; margin: 30mm 0 4mm; color: #14365c; }
.subtitle { font-size: 14pt; color: #24476b; margin: 0 0 12mm; }
.meta { color: #555; font-size: 9.5pt; margin: 0; }
.title-page { break-after: page; padding-bottom: 10mm; border-bottom: 2px solid #24476b; margin-bottom: 8mm; }
h2 { font-size: 15pt; color: #14365c; border-bottom: 1.5px solid #24476b; padding-bottom: 1mm; margin: 9mm 0 4mm; }
h3 { font-size: 12.5pt; color: #24476b; margin: 6mm 0 2.5mm; }
h4 { font-size: 11pt; color: #24476b; margin: 5mm 0 2mm; }
h5 { font-size: 10.5pt; margin: 4mm 0 2mm; }
section.top { break-before: page; }
p { margin: 0 0 2.6mm; text-align: justify; }
ul { margin: 0 0 3mm; padding-left: 6mm; }
li { margin-bottom: 1.2mm; }
sup.fn { font-size: 7pt; line-height: 0; }
sup.fn a { color: #24476b; text-decoration: none; }
nav.toc { break-after: page; }
nav.toc ol { list-style: none; padding-left: 0; margin: 0; }
nav.toc ol ol { padding-left: 6mm; }
nav.toc li { margin: 0.6mm 0; }
nav.toc a { color: #1d1d1f; text-decoration: none; display: flex; gap: 2mm; }
nav.toc a .t { flex: 0 1 auto; }
nav.toc a .dots { flex: 1 1 auto; border-bottom: 1px dotted #999; margin-bottom: 1.2mm; }
nav.toc a .p { flex: 0 0 8mm; text-align: right; }
figure { margin: 3mm 0 5mm; break-inside: avoid; }
figure.table { break-inside: auto; }
figcaption { font-size: 9.5pt; font-weight: bold; color: #24476b; margin: 0 0 1.5mm; break-after: avoid; }
h2, h3, h4, h5 { break-after: avoid; }
figure.chart figcaption { text-align: center; margin: 1mm 0 0; }
.chart-svg { text-align: center; }
.chart-svg svg { max-width: 100%; height: auto; }
p.caption { font-size: 8.5pt; color: #555; text-align: center; margin: 0.5mm 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; line-height: 1.35; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.6px solid #b7c3d0; padding: 0.8mm 1.2mm; vertical-align: top; overflow-wrap: anywhere; }
th { background: #e8eef5; color: #14365c; text-align: left; font-weight: bold; }
td.n { text-align: right; white-space: nowrap; }
td.nw, th.nw { white-space: nowrap; }
tr.hl td { background: #fdecea; font-weight: bold; }
p.table-note { font-size: 8.5pt; color: #555; margin-top: 1mm; }
section.notes { break-before: page; }
section.notes ol { font-size: 8.5pt; padding-left: 7mm; }
strong { color: #8a1f11; }
@media screen { body { box-shadow: 0 0 6px #ccc; background: #fff; } html { background: #f3f3f3; } }
`;

function runsHtml(runs: readonly Run[]): string {
  return runs.map((r) => {
    const text = r.strong ? `<strong>${escapeHtml(r.text)}</strong>` : escapeHtml(r.text);
    return r.note !== undefined ? `${text}<sup class="fn"><a href="#fn-${r.note}">${r.note}</a></sup>` : text;
  }).join('');
}

/** Text columns whose every value is short stay on one line (a tier, a city), so that long columns get the room. */
function shortColumns(t: TableBlock): Set<number> {
  const out = new Set<number>();
  t.columns.forEach((c, j) => {
    if (c.type !== 'text') return;
    // Display width: a CJK character counts two.
    const width = (v: string) => [...v].reduce((n, ch) => n + (/[\u2e80-\u9fff]/.test(ch) ? 2 : 1), 0);
    const longest = Math.max(0, ...t.rows.map((r) => width(String(r[j] ?? ''))));
    if (longest <= 12) out.add(j);
  });
  return out;
}

function tableHtml(t: TableBlock, n: number | undefined, doc: ReportDocument): string {
  const short = shortColumns(t);
  const head = t.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('');
  const highlight = new Set(t.highlight ?? []);
  const body = t.rows.map((row, i) => `<tr${highlight.has(i) ? ' class="hl"' : ''}>${row.map((v, j) => {
    const column = t.columns[j];
    const numeric = typeof v === 'number' || v === null;
    const cls = numeric && column?.type !== 'text' ? ' class="n"' : short.has(j) ? ' class="nw"' : '';
    return `<td${cls}>${escapeHtml(formatCell(v, column, doc.lang))}</td>`;
  }).join('')}</tr>`).join('\n');
  const caption = numbered(doc, doc.labels.table, n, t.title);
  return `<figure class="table" id="${anchor(`table-${t.id}`)}"><figcaption>${escapeHtml(caption)}</figcaption>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>${t.note ? `<p class="table-note">${escapeHtml(t.note)}</p>` : ''}</figure>`;
}

function blockHtml(b: Block, doc: ReportDocument, charts: ReadonlyMap<string, RenderedChart>, numbers: Numbering): string {
  switch (b.kind) {
    case 'paragraph': return `<p>${runsHtml(b.runs)}</p>`;
    case 'list': return `<ul>${b.items.map((item) => `<li>${runsHtml(item)}</li>`).join('')}</ul>`;
    case 'table': return tableHtml(b, numbers.tables.get(b.id), doc);
    case 'chart': {
      const svg = charts.get(b.id)?.svg ?? '';
      const caption = numbered(doc, doc.labels.chart, numbers.charts.get(b.id), b.title);
      return `<figure class="chart" id="${anchor(`chart-${b.id}`)}"><div class="chart-svg">${svg}</div><figcaption>${escapeHtml(caption)}</figcaption>${b.caption ? `<p class="caption">${escapeHtml(b.caption)}</p>` : ''}</figure>`;
    }
  }
}

function sectionHtml(s: Section, depth: number, doc: ReportDocument, charts: ReadonlyMap<string, RenderedChart>, numbers: Numbering): string {
  const h = `h${Math.min(5, depth + 2)}`;
  return `<section id="${anchor(s.id)}"${depth === 0 ? ' class="top"' : ''}>
<${h}>${escapeHtml(sectionTitle(s))}</${h}>
${s.blocks.map((b) => blockHtml(b, doc, charts, numbers)).join('\n')}
${s.sections.map((c) => sectionHtml(c, depth + 1, doc, charts, numbers)).join('\n')}
</section>`;
}

function tocHtml(sections: readonly Section[], depth: number, pages: ReadonlyMap<string, number> | undefined): string {
  if (sections.length === 0 || depth > 1) return '';
  return `<ol>${sections.map((s) => `<li><a href="#${anchor(s.id)}"><span class="t">${escapeHtml(sectionTitle(s))}</span><span class="dots"></span><span class="p">${pages?.get(s.id) ?? ''}</span></a>${tocHtml(s.sections, depth + 1, pages)}</li>`).join('')}</ol>`;
}

/** Every chart of the document rendered to SVG, by chart id. */
export async function renderCharts(doc: ReportDocument): Promise<Map<string, RenderedChart>> {
  const out = new Map<string, RenderedChart>();
  const visit = async (sections: readonly Section[]) => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.kind === 'chart') out.set(b.id, await renderChartSvg(b.chart));
      await visit(s.sections);
    }
  };
  await visit(doc.sections);
  return out;
}

/** The HTML page of a document whose charts are rendered. */
export function reportHtml(doc: ReportDocument, charts: ReadonlyMap<string, RenderedChart>, pages?: ReadonlyMap<string, number>): string {
  const numbers = numberBlocks(doc);
  const notes = doc.footnotes.length === 0 ? '' : `<section class="notes" id="${anchor('notes')}"><h2>${escapeHtml(doc.labels.notes)}</h2><ol>${doc.footnotes
    .map((f) => `<li id="fn-${f.number}" value="${f.number}">${escapeHtml(f.text)}</li>`).join('')}</ol></section>`;
  return `<!DOCTYPE html>
<html lang="${doc.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ChainAtlas">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="title-page">
<h1>${escapeHtml(doc.title)}</h1>
<p class="subtitle">${escapeHtml(doc.subtitle)}</p>
${doc.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`).join('\n')}
</header>
<nav class="toc" id="${anchor('contents')}"><h2>${escapeHtml(doc.labels.contents)}</h2>${tocHtml(doc.sections, 0, pages)}</nav>
<main>
${doc.sections.map((s) => sectionHtml(s, 0, doc, charts, numbers)).join('\n')}
${notes}
</main>
</body>
</html>
`;
}

/** The self-contained HTML report (charts rendered here). */
export async function renderReportHtml(doc: ReportDocument): Promise<string> {
  return reportHtml(doc, await renderCharts(doc));
}
