/**
 * Small frameworks and label sets for the classifier tests, written here so
 * that every expected figure can be worked out by hand from what is on this
 * page. Nothing in them comes from the shipped framework or any label file.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Framework } from '../src/model/index.js';
import { parseFramework } from '../src/framework/index.js';

/** Two segments, four links; `beta.manual` has no keywords (manual assignment only). */
export function miniFramework(): Framework {
  const result = parseFramework({
    id: 'mini',
    version: '0.0.1',
    name: { zh: '测试链', en: 'Test chain' },
    segments: [
      { id: 'alpha', name: { zh: '甲', en: 'Alpha' } },
      { id: 'beta', name: { zh: '乙', en: 'Beta' } },
    ],
    links: [
      {
        id: 'alpha.sensor', segment: 'alpha', name: { zh: '传感', en: 'Sensing' }, position: 'upstream',
        keywords: [{ term: '传感器', weight: 2 }, { term: '变送器', weight: 3 }, { term: 'sensor', weight: 2 }, { term: '仪表', weight: 1 }],
        negatives: ['仪表盘'],
      },
      {
        id: 'alpha.drive', segment: 'alpha', name: { zh: '驱动', en: 'Drives' }, position: 'upstream',
        keywords: [{ term: '伺服', weight: 2 }, { term: '伺服驱动器', weight: 3 }, { term: '变频器', weight: 3 }, { term: 'PLC', weight: 2 }],
      },
      {
        id: 'beta.net', segment: 'beta', name: { zh: '网络', en: 'Network' }, position: 'midstream',
        keywords: [{ term: '光纤', weight: 2 }, { term: '光缆', weight: 3 }, { term: '交换机', weight: 1 }, { term: '光纤光缆', weight: 3 }],
        negatives: [{ term: '光纤激光器', note: 'a laser, not a network' }],
        threshold: 2.5,
      },
      { id: 'beta.manual', segment: 'beta', name: { zh: '人工', en: 'Manual' }, position: 'downstream' },
    ],
  }, 'mini.json');
  assert.deepEqual(result.issues, []);
  assert.ok(result.value);
  return result.value;
}

/** Writes a label file (UTF-8, no BOM unless asked) and returns its path. */
export function writeLabels(dir: string, name: string, rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const path = join(dir, name);
  writeFileSync(path, (options.bom ? '\ufeff' : '') + rows.map((r) => r.map(cell).join(',')).join('\n') + '\n');
  return path;
}
