/**
 * The PDF, printed by Chromium (Debian's chromium; .ci/run installs it with
 * fonts-noto-cjk and poppler-utils — the test fails, never skips, without them):
 * Chinese is set in an embedded CJK font, pages are numbered, the contents carry
 * the page each section starts on, charts are vector paths, nothing is wider than
 * the page, and pdftoppm turns the pages into PNG images that are not blank.
 *
 * `CHAINATLAS_WRITE_PAGES=<dir>` also copies two pages of the zh PDF there (the
 * images in the README: `npm run report:pages`).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHROMIUM_ARGS, CHROMIUM_PATH, PdfPrinter, allSections, buildReport, destinationPages, renderCharts, reportHtml, type ReportInput,
} from '../src/report/index.js';
import { SCRIPT, defaultReportInput, hostileReportInput } from './report-fixture.js';

let input: ReportInput;
let close: () => void;
let dir = '';
const printer = new PdfPrinter();

before(async () => {
  assert.ok(existsSync(CHROMIUM_PATH), `Chromium is required at ${CHROMIUM_PATH} (apt-get install chromium; .ci/run installs it)`);
  ({ input, close } = await defaultReportInput());
  dir = mkdtempSync(join(tmpdir(), 'chainatlas-pdf-'));
});
after(async () => {
  await printer.close();
  close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

test('zh PDF: CJK font embedded, numbered pages, contents with page numbers, vector charts, pages rendered by pdftoppm', async () => {
  const doc = buildReport(input, { lang: 'zh' });
  const charts = await renderCharts(doc);
  const file = join(dir, 'report-zh.pdf');
  const pdf = await printer.render(doc, charts);
  writeFileSync(file, pdf);

  const info = run('pdfinfo', [file]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  assert.ok(pages > 10, `${pages} pages`);
  assert.match(info, /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  // Chromium finds fonts through fontconfig: the family the report asks for first is the installed Noto CJK.
  assert.match(run('fc-match', ['Noto Sans CJK SC:lang=zh-cn']), /NotoSansCJK/, 'fonts-noto-cjk is installed');
  // Every font is embedded and maps its glyphs back to Unicode. (Chromium's Skia embeds the CFF-flavoured
  // Noto Sans CJK as Type 3 fonts whose glyphs are the font's outlines: vectors, selectable text.)
  const fonts = run('pdffonts', [file]).trim().split('\n').slice(2);
  assert.ok(fonts.length > 0);
  for (const line of fonts) assert.match(line, /\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+$/, `embedded with ToUnicode: ${line}`);

  const text = run('pdftotext', ['-layout', file, '-']);
  assert.ok(text.includes(doc.title.slice(0, 12)), 'the title is text');
  assert.ok(text.includes(input.region.summary.zh.slice(0, 20)), 'Chinese sentences are text, not tofu');
  assert.ok(text.includes(`1 / ${pages}`) || text.includes(`1/${pages}`) || text.includes(`· 1 / ${pages}`), 'page numbers in the footer');

  // The contents give each section's page, as the PDF's own link targets say.
  const dests = await destinationPages(pdf);
  const recommendations = allSections(doc.sections).find((s) => s.id === 'recommendations');
  const page = dests.get('s-recommendations');
  assert.ok(recommendations && page !== undefined && page > 3);
  const contents = text.split('\f')[1] ?? '';
  assert.match(contents, new RegExp(`${recommendations.number}\\s+${recommendations.title}[ ._·]*\\s${page}\\s*\\n`), 'the contents line has the page number');

  // Charts are vectors: the pages with figures carry path operators, not only images.
  const images = run('pdfimages', ['-list', file]).trim().split('\n').length - 2;
  assert.equal(images, 0, 'no raster image: every chart is vector');

  run('pdftoppm', ['-r', '60', '-png', file, join(dir, 'page')]);
  const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
  assert.equal(pngs.length, pages);
  for (const png of pngs) assert.ok(statSync(join(dir, png)).size > 3_000, `${png} is not blank`);

  const target = process.env.CHAINATLAS_WRITE_PAGES;
  if (target) {
    mkdirSync(target, { recursive: true });
    // The summary page and the chain map page, at a resolution a README can show.
    const chainPage = dests.get('s-framework') ?? 8;
    const summaryPage = dests.get('s-summary') ?? 3;
    for (const [n, name] of [[summaryPage, 'report-zh-summary'], [chainPage, 'report-zh-chain-map']] as const) {
      run('pdftoppm', ['-r', '80', '-png', '-singlefile', '-f', String(n), '-l', String(n), file, join(dir, name)]);
      copyFileSync(join(dir, `${name}.png`), join(target, `${name}.png`));
    }
  }
});

test('nothing is wider than the printed page', async () => {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'chainatlas-overflow-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, offline: true });
  try {
    for (const outline of ['default', 'chain-leader'] as const) {
      for (const lang of ['zh', 'en'] as const) {
        const doc = buildReport(input, { lang, outline });
        const page = await context.newPage();
        await page.emulateMedia({ media: 'print' });
        // A4 less the page margins (15 mm each side) at 96 dpi.
        await page.setViewportSize({ width: 680, height: 1000 });
        await page.setContent(reportHtml(doc, await renderCharts(doc)));
        const wide = await page.evaluate(() => {
          const limit = document.documentElement.clientWidth + 1;
          return [...document.querySelectorAll('table, figure, svg, p, li, h1, h2, h3, h4')]
            .filter((e) => e.getBoundingClientRect().right > limit)
            .map((e) => `${e.tagName} ${(e.textContent ?? '').slice(0, 40)}`);
        });
        assert.deepEqual(wide, [], `${outline} ${lang}`);
        await page.close();
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('injected script in names prints as text in the PDF', async () => {
  const doc = buildReport(hostileReportInput(), { lang: 'en' });
  const file = join(dir, 'hostile.pdf');
  writeFileSync(file, await printer.render(doc, await renderCharts(doc)));
  const text = run('pdftotext', [file, '-']);
  assert.ok(text.includes('<script>alert("x")</script>'), `${SCRIPT} is shown, not run`);
});
