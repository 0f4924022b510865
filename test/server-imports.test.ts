/**
 * Imports and reports over HTTP against a real database: a bad upload shows
 * its problems row by row and writes nothing, its rejects download as CSV,
 * committing it whole is refused and partial commits the valid rows; a good
 * upload commits in one go and appears in the import log and the audit trail.
 * Oversized uploads get 413, wrong content types 400. Reports download with
 * the right content type and an RFC 5987 file name.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { getEnterprise, tableCounts } from '../src/store/index.js';
import { messages } from '../src/model/index.js';
import { CHROMIUM_PATH } from '../src/report/index.js';
import { contentDisposition } from '../src/server/index.js';
import { errorOf, startServer, type Client, type TestServer } from './server-helpers.js';

let server: TestServer;
let analyst: Client;

before(async () => {
  server = await startServer({ uploadLimit: 64 * 1024 });
  analyst = await server.client('analyst');
});
after(async () => server.close());

function multipart(fileName: string, content: string | Buffer, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----chainatlas-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (fileName: string, content: string | Buffer, fields: Record<string, string> = {}, client = analyst) => {
  const { payload, headers } = multipart(fileName, content, fields);
  return client.send('POST', '/api/imports', { payload, headers: { ...headers, 'accept-language': 'en' } });
};

interface UploadReply { id: string; fileName: string; entities: string[]; rows: number; valid: number; rejected: number; problems: { row?: number; column?: string; code: string; reason: string }[]; committed: boolean }

const BAD_CSV = 'id,name_zh,province,source\nhttp-ok-1,赣州测试甲公司,江西,test\nhttp-ok-1,赣州测试甲公司重复,江西,test\nhttp-bad-2,南昌测试乙公司,火星省,test\n';
const GOOD_CSV = 'id,name_zh,province,source\nhttp-good-1,九江测试丙公司,江西,test\nhttp-good-2,上饶测试丁公司,江西,test\n';

test('a bad upload: problems row by row, nothing written, rejects as CSV; whole commit refused, partial commits the valid row', async () => {
  const before = await tableCounts(server.db);
  const r = await upload('enterprises.csv', BAD_CSV);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const checked = r.body as UploadReply;
  assert.deepEqual([checked.fileName, checked.entities, checked.rows, checked.valid, checked.rejected, checked.committed], ['enterprises.csv', ['enterprises'], 3, 1, 2, false]);
  assert.deepEqual([...new Set(checked.problems.map((p) => p.row))].sort(), [3, 4], 'the problems name the spreadsheet rows');
  assert.ok(checked.problems.every((p) => p.reason.length > 0 && p.code));
  assert.deepEqual(await tableCounts(server.db), before, 'nothing written by the check');

  const rejects = await analyst.get(`/api/imports/${checked.id}/rejects`);
  assert.equal(rejects.status, 200);
  assert.match(String(rejects.headers['content-type']), /^text\/csv/);
  assert.match(String(rejects.headers['content-disposition']), /^attachment; filename="enterprises\.rejects\.csv"/);
  const lines = rejects.raw.replace(/^\ufeff/, '').trim().split(/\r?\n/);
  assert.equal(lines[0], 'id,name_zh,province,source,_problems');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), ['http-ok-1', 'http-bad-2']);

  const whole = await analyst.send('POST', `/api/imports/${checked.id}/commit`, { payload: {} });
  assert.equal(whole.status, 400);
  assert.equal(errorOf(whole.body).code, 'import.has_problems');
  const partial = await analyst.send('POST', `/api/imports/${checked.id}/commit`, { payload: { partial: true } });
  assert.equal(partial.status, 200, JSON.stringify(partial.body));
  assert.deepEqual({ ...(partial.body as object), importId: 0 }, { committed: true, importId: 0, counts: { enterprises: 1 }, rejected: 2 });
  assert.ok(await getEnterprise(server.db, 'http-ok-1'));
  assert.equal(await getEnterprise(server.db, 'http-bad-2'), undefined);
  const twice = await analyst.send('POST', `/api/imports/${checked.id}/commit`, { payload: { partial: true } });
  assert.equal(twice.status, 409);
});

test('a good upload commits whole, shows in the import log and in the audit trail', async () => {
  const r = await upload('firms.csv', GOOD_CSV, { entity: 'enterprises' });
  assert.equal(r.status, 200);
  const checked = r.body as UploadReply;
  assert.deepEqual([checked.valid, checked.rejected, checked.problems], [2, 0, []]);
  assert.equal((await analyst.get(`/api/imports/${checked.id}/rejects`)).status, 404);
  const committed = await analyst.send('POST', `/api/imports/${checked.id}/commit`, { payload: {} });
  assert.equal(committed.status, 200);
  const { importId, counts } = committed.body as { importId: number; counts: Record<string, number> };
  assert.deepEqual(counts, { enterprises: 2 });
  assert.equal((await getEnterprise(server.db, 'http-good-2'))?.enterprise.nameZh, '上饶测试丁公司');

  const log = await analyst.get('/api/imports');
  const items = (log.body as { items: { id: number; mode: string }[] }).items;
  assert.deepEqual(items.at(-1)?.id, importId);
  const admin = await server.client('admin');
  const audit = await admin.get('/api/audit?action=import.commit');
  const entry = (audit.body as { items: { targetId: string; username: string; ip?: string; after: { files: string[]; accepted: number } }[] }).items[0];
  assert.deepEqual([entry?.targetId, entry?.username, entry?.after.files, entry?.after.accepted], [String(importId), 'analyst', ['firms.csv'], 2]);
  assert.ok(entry?.ip);
});

test('uploads: over the limit 413, no file 400, JSON to the upload route 400, a bad entity field 400, unknown ids 404', async () => {
  const big = await upload('enterprises.csv', 'id,name_zh\n' + 'x,'.repeat(40_000));
  assert.equal(big.status, 413);
  assert.equal(errorOf(big.body).code, 'server.upload_too_large');
  assert.equal(errorOf(big.body).message, messages['server.upload_too_large']({ limit: 64 * 1024 }).en);

  const boundary = 'b';
  const none = await analyst.send('POST', '/api/imports', {
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="entity"\r\n\r\nenterprises\r\n--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.equal(none.status, 400);
  assert.equal(errorOf(none.body).code, 'server.upload_missing');
  const json = await analyst.send('POST', '/api/imports', { payload: { file: 'x' } });
  assert.equal(json.status, 400);
  assert.equal(errorOf(json.body).details[0]?.path, 'headers.content-type');
  const entity = await upload('x.csv', GOOD_CSV, { entity: 'planets' });
  assert.equal(entity.status, 400);
  assert.equal((await analyst.send('POST', '/api/imports/nope/commit', { payload: {} })).status, 404);
  assert.equal((await analyst.get('/api/imports/nope/rejects')).status, 404);
  // A multipart body to a JSON route is the wrong type there.
  const { payload, headers } = multipart('x.csv', GOOD_CSV);
  const wrong = await analyst.send('POST', '/api/compare', { payload, headers });
  assert.equal(wrong.status, 400);
  assert.equal(errorOf(wrong.body).code, 'server.unsupported_media_type');
});

test('a path in the uploaded file name stays inside the upload folder', async () => {
  const r = await upload('../../etc/enterprises.csv', GOOD_CSV);
  assert.equal(r.status, 200);
  assert.equal((r.body as UploadReply).fileName, 'enterprises.csv');
});

test('Content-Disposition: ASCII names plain, Chinese names in RFC 5987 filename* with an ASCII fallback', () => {
  assert.equal(contentDisposition({ fileName: 'a.csv', asciiName: 'a.csv' }), 'attachment; filename="a.csv"');
  assert.equal(contentDisposition({ fileName: '江西(1).pdf', asciiName: '360000.pdf' }),
    `attachment; filename="360000.pdf"; filename*=UTF-8''${encodeURIComponent('江西')}%281%29.pdf`);
});

test('reports download with the right content type and file name; a viewer may not generate one', async () => {
  const html = await analyst.get(`/api/reports/${encodeURIComponent('江西')}?format=html&lang=zh`);
  assert.equal(html.status, 200);
  assert.match(String(html.headers['content-type']), /^text\/html/);
  assert.equal(html.headers['content-disposition'],
    `attachment; filename="chainatlas-report-360000-zh.html"; filename*=UTF-8''${encodeURIComponent('chainatlas-report-江西-zh.html')}`);
  assert.match(html.raw, /<html/);
  assert.match(html.raw, /江西/);

  const xlsx = await server.app.inject({ method: 'GET', url: '/api/reports/36?format=xlsx&lang=en&outline=chain-leader', headers: { cookie: `chainatlas_session=${analyst.cookie}` } });
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(xlsx.headers['content-disposition'], 'attachment; filename="chainatlas-report-Jiangxi-chain-leader-en.xlsx"');
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString('latin1'), 'PK', 'a zip (OOXML) file');

  if (existsSync(CHROMIUM_PATH)) {
    const pdf = await server.app.inject({ method: 'GET', url: '/api/reports/36?format=pdf', headers: { cookie: `chainatlas_session=${analyst.cookie}` } });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  }

  const viewer = await server.client('viewer');
  assert.equal((await viewer.get('/api/reports/36')).status, 403);
  const bad = await analyst.get('/api/reports/36?format=odt&lang=fr');
  assert.equal(bad.status, 400);
  assert.deepEqual(errorOf(bad.body).details.map((d) => d.path).sort(), ['query.format', 'query.lang']);
  const place = await analyst.get(`/api/reports/${encodeURIComponent('火星')}`);
  assert.equal(place.status, 400);
  assert.equal(errorOf(place.body).details[0]?.path, 'params.region');
});
