/**
 * The PDF: the HTML report printed by headless Chromium (Debian's `chromium`,
 * driven by playwright-core — no browser is downloaded). Chinese text is set in
 * the installed Noto Sans CJK font (fonts-noto-cjk), charts stay vectors (inline
 * SVG), every page has its number in the footer, and the PDF has bookmarks from
 * the headings.
 *
 * Table of contents with page numbers, in two passes: the first print tells on
 * which page each section starts — Chromium writes every link target of the page
 * (the contents link to each section) as a named destination, read back with
 * pdf-lib — and the second print fills those numbers in. The contents take the
 * same room in both passes (the number's box is fixed), so the numbers are exact.
 *
 * Chromium runs with no sandbox, GPU or background networking (the flags this
 * closed network needs) in a fresh, empty profile that is removed afterwards.
 * CHAINATLAS_CHROMIUM overrides the browser path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { allSections, type ReportDocument } from './document.js';
import type { RenderedChart } from './charts.js';
import { anchor, escapeHtml, reportHtml } from './render-html.js';

export const CHROMIUM_PATH = process.env.CHAINATLAS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Page (1-based) of every named destination of a PDF. */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const { PDFDocument, PDFName, PDFDict, PDFArray, PDFRef } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (!(dests instanceof PDFDict)) return out;
  for (const [name, value] of dests.entries()) {
    const target = value instanceof PDFRef ? doc.context.lookup(value) : value;
    const array = target instanceof PDFDict ? target.lookup(PDFName.of('D')) : target;
    if (!(array instanceof PDFArray)) continue;
    const page = array.get(0);
    const n = page instanceof PDFRef ? pageOf.get(page.toString()) : undefined;
    if (n !== undefined) out.set(name.decodeText(), n);
  }
  return out;
}

/** One Chromium for any number of PDFs. */
export class PdfPrinter {
  private context?: Promise<BrowserContext>;
  private profile?: string;

  private async browser(): Promise<BrowserContext> {
    if (!this.context) {
      this.profile = mkdtempSync(join(tmpdir(), 'chainatlas-chromium-'));
      const profile = this.profile;
      this.context = import('playwright-core').then(({ chromium }) =>
        chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, offline: true, deviceScaleFactor: 2 }));
    }
    return this.context;
  }

  /** The PDF bytes of an HTML page. */
  async pdfOf(html: string, footer: string): Promise<Buffer> {
    const context = await this.browser();
    const page = await context.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4', printBackground: true, preferCSSPageSize: true, outline: true, tagged: true,
        displayHeaderFooter: true, headerTemplate: '<span></span>',
        footerTemplate: `<div style="width:100%;font-size:8px;color:#666;text-align:center;font-family:'Noto Sans CJK SC',sans-serif">${footer}</div>`,
      });
    } finally {
      await page.close();
    }
  }

  /** Prints a report: two passes, the second with the contents' page numbers. */
  async print(doc: ReportDocument, charts: ReadonlyMap<string, RenderedChart>, file: string): Promise<void> {
    writeFileSync(file, await this.render(doc, charts));
  }

  async render(doc: ReportDocument, charts: ReadonlyMap<string, RenderedChart>): Promise<Buffer> {
    const footer = `${escapeHtml(doc.title)} · <span class="pageNumber"></span> / <span class="totalPages"></span>`;
    const first = await this.pdfOf(reportHtml(doc, charts), footer);
    const dests = await destinationPages(first);
    const pages = new Map<string, number>();
    for (const s of allSections(doc.sections)) {
      const n = dests.get(anchor(s.id));
      if (n !== undefined) pages.set(s.id, n);
    }
    return pages.size === 0 ? first : this.pdfOf(reportHtml(doc, charts, pages), footer);
  }

  /**
   * PNGs (2×) of rendered charts, by id: the DOCX fallback images, drawn by the same
   * browser and fonts as the PDF (much faster than resvg on CJK text).
   */
  async chartPngs(charts: ReadonlyMap<string, RenderedChart>): Promise<Map<string, Buffer>> {
    const context = await this.browser();
    const page = await context.newPage();
    const ids = [...charts.keys()];
    try {
      const body = ids.map((id, i) => `<div id="c${i}" style="display:inline-block;background:#fff;line-height:0">${charts.get(id)?.svg ?? ''}</div>`).join('<br>');
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${body}</body></html>`, { waitUntil: 'load' });
      const out = new Map<string, Buffer>();
      for (const [i, id] of ids.entries()) out.set(id, await page.locator(`#c${i}`).screenshot({ type: 'png' }));
      return out;
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    if (this.context) {
      const context = this.context;
      this.context = undefined;
      await (await context).close();
    }
    if (this.profile) rmSync(this.profile, { recursive: true, force: true });
    this.profile = undefined;
  }
}
