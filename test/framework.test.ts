import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { issueText, type Framework, type Issue } from '../src/model/index.js';
import { linkById, linksOfSegment, parseFramework, parseFrameworkText } from '../src/framework/index.js';

// The contract lives in shared/, beside the checkout: the ids are read from it, not copied here.
const FRAMEWORK_MD = process.env.CHAINATLAS_FRAMEWORK_MD ?? join(process.cwd(), '..', 'shared', 'framework.md');
const SHIPPED_FILE = 'data/frameworks/industrial-internet.json';
// Compiled tests run from dist/test, so the repository root is two levels up.
const shippedText = readFileSync(new URL(`../../${SHIPPED_FILE}`, import.meta.url), 'utf8');

interface ContractLink {
  readonly id: string;
  readonly segment: string;
  readonly zh: string;
  readonly en: string;
  readonly position: string;
}

/** Segments from the `## 1. platform — ...` headings, links from the rows of the table under each. */
function readContract(): { segments: string[]; links: ContractLink[] } {
  const segments: string[] = [];
  const links: ContractLink[] = [];
  for (const line of readFileSync(FRAMEWORK_MD, 'utf8').split('\n')) {
    const heading = /^##\s+\d+\.\s+([a-z_]+)\s+—/.exec(line);
    if (heading?.[1]) segments.push(heading[1]);
    const cells = line.split('|').map((cell) => cell.trim());
    // A table row: | id | zh | en | position | scope |, skipping the header and separator rows.
    if (cells.length >= 7 && /^[a-z_]+(\.[a-z_0-9]+)+$/.test(cells[1] ?? '')) {
      const segment = segments.at(-1);
      assert.ok(segment, `link row before any segment heading: ${line}`);
      links.push({ id: cells[1] ?? '', segment, zh: cells[2] ?? '', en: cells[3] ?? '', position: cells[4] ?? '' });
    }
  }
  return { segments, links };
}

function shipped(): Framework {
  const result = parseFrameworkText(shippedText, SHIPPED_FILE);
  assert.deepEqual(result.issues, []);
  assert.ok(result.value);
  return result.value;
}

// ── the shipped framework ────────────────────────────────────

test('the shipped framework parses without issues', () => {
  const framework = shipped();
  assert.equal(framework.id, 'industrial-internet');
  assert.equal(framework.version, '1.0.0');
  assert.ok(framework.name.zh && framework.name.en && framework.source);
});

test('the shipped file is formatted JSON with 2-space indentation', () => {
  assert.ok(shippedText.startsWith('{\n  "id": '));
  assert.ok(shippedText.endsWith('}\n'));
  for (const line of shippedText.split('\n')) assert.equal((/^ */.exec(line)?.[0].length ?? 0) % 2, 0, line);
});

test('the contract in framework.md has 5 segments and 31 links', () => {
  const contract = readContract();
  assert.equal(contract.segments.length, 5);
  assert.equal(contract.links.length, 31);
});

test('the shipped framework has the 5 segments of framework.md, in order', () => {
  const framework = shipped();
  assert.deepEqual(framework.segments.map((segment) => segment.id), readContract().segments);
  for (const segment of framework.segments) {
    assert.ok(segment.name.zh && segment.name.en && segment.description?.zh && segment.description.en, segment.id);
  }
});

test('the shipped framework has the 31 links of framework.md: ids, segments, names and positions', () => {
  const framework = shipped();
  const contract = readContract().links;
  assert.deepEqual(framework.links.map((link) => link.id), contract.map((link) => link.id));
  framework.links.forEach((link, index) => {
    const expected = contract[index];
    assert.ok(expected);
    assert.equal(link.segment, expected.segment, link.id);
    assert.equal(link.name.zh, expected.zh, link.id);
    assert.equal(link.name.en, expected.en, link.id);
    assert.equal(link.position, expected.position, link.id);
    assert.ok(link.scope.zh && link.scope.en, `${link.id} scope`);
  });
});

test('every shipped link has at least 10 keywords, both Chinese and Latin-script', () => {
  for (const link of shipped().links) {
    assert.ok(link.keywords.length >= 10, `${link.id} has ${link.keywords.length} keywords`);
    assert.ok(link.keywords.some((keyword) => /\p{Script=Han}/u.test(keyword.term)), `${link.id} has no Chinese keyword`);
    assert.ok(link.keywords.some((keyword) => /^[\p{Script=Latin}\d\s\-/.:+&]+$/u.test(keyword.term)), `${link.id} has no Latin keyword`);
    assert.ok(link.keywords.every((keyword) => keyword.weight > 0));
    assert.ok(link.negatives.length > 0, `${link.id} has no negatives`);
  }
});

test('every shipped link sits in at least one layer of the six-layer view', () => {
  const framework = shipped();
  const view = framework.views.find((candidate) => candidate.id === 'six-layer');
  assert.ok(view);
  assert.deepEqual(view.name, { zh: '传统六层架构', en: 'Traditional six-layer view' });
  assert.deepEqual(view.layers.map((layer) => layer.id), ['equipment', 'network', 'platform', 'software', 'application', 'security']);
  const placed = new Set(view.layers.flatMap((layer) => layer.links));
  for (const link of framework.links) assert.ok(placed.has(link.id), `${link.id} is in no layer`);
});

test('the shipped industries are the 20 sections A–T and the divisions 01–97 of GB/T 4754-2017', () => {
  const industries = shipped().industries;
  assert.ok(industries);
  assert.equal(industries.standard, 'GB/T 4754-2017');
  assert.deepEqual(industries.sections.map((section) => section.code), [...'ABCDEFGHIJKLMNOPQRST']);
  const divisions = industries.sections.flatMap((section) => section.divisions.map((division) => division.code));
  assert.deepEqual(divisions, Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
  const manufacturing = industries.sections.find((section) => section.code === 'C');
  assert.equal(manufacturing?.name.zh, '制造业');
  assert.equal(manufacturing.divisions.length, 31, 'manufacturing is divisions 13–43');
  for (const section of industries.sections) {
    assert.ok(section.name.zh && section.name.en, section.code);
    for (const division of section.divisions) assert.ok(division.name.zh && division.name.en, division.code);
  }
});

test('linkById and linksOfSegment', () => {
  const framework = shipped();
  assert.equal(linkById(framework).get('automation.edge')?.name.zh, '边缘计算');
  assert.equal(linkById(framework).get('nope'), undefined);
  assert.deepEqual(
    linksOfSegment(framework, 'intelligence').map((link) => link.id),
    ['intelligence.chip', 'intelligence.algorithm', 'intelligence.vision', 'intelligence.analytics'],
  );
  assert.deepEqual(linksOfSegment(framework, 'nope'), []);
});

// ── another chain ────────────────────────────────────────────

/** A framework document as loose JSON, so that tests can break any part of it. */
interface ChainDocument {
  [field: string]: unknown;
  segments: Record<string, unknown>[];
  links: Record<string, unknown>[];
}

/** A two-link new-energy-vehicle chain: nothing in the parser may assume the industrial-internet ids. */
function nevChain(): ChainDocument {
  return {
    id: 'nev',
    version: '0.1.0',
    name: { zh: '新能源汽车产业链', en: 'New-energy vehicle chain' },
    segments: [{ id: 'battery', name: { zh: '动力电池', en: 'Traction batteries' } }],
    links: [
      {
        id: 'battery.cell',
        segment: 'battery',
        name: { zh: '电芯', en: 'Cells' },
        position: 'upstream',
        scope: { zh: '锂离子电芯' },
        keywords: ['电芯', { term: 'LFP', weight: 2 }],
        negatives: ['电芯片', { term: '电芯科技园', note: 'a place name' }],
        threshold: 1.5,
      },
      {
        id: 'battery.pack',
        segment: 'battery',
        parent: 'battery.cell',
        name: { zh: '电池包', en: 'Battery packs' },
        position: 'midstream',
      },
    ],
  };
}

test('a minimal framework of another chain parses, with keywords and negatives normalised', () => {
  const result = parseFramework(nevChain(), 'nev.json');
  assert.deepEqual(result.issues, []);
  const framework = result.value;
  assert.ok(framework);
  assert.deepEqual(framework.links[0], {
    id: 'battery.cell',
    segment: 'battery',
    name: { zh: '电芯', en: 'Cells' },
    position: 'upstream',
    scope: { zh: '锂离子电芯', en: '' },
    keywords: [{ term: '电芯', weight: 1 }, { term: 'LFP', weight: 2 }],
    negatives: [{ term: '电芯片' }, { term: '电芯科技园', note: 'a place name' }],
    threshold: 1.5,
  });
  assert.equal(framework.links[1]?.parent, 'battery.cell');
  assert.deepEqual(framework.links[1]?.keywords, []);
  assert.deepEqual(framework.views, []);
  assert.equal(framework.industries, undefined);
  assert.deepEqual(linksOfSegment(framework, 'battery').map((link) => link.id), ['battery.cell', 'battery.pack']);
});

// ── one test per validation error ────────────────────────────

/** Parses a broken copy of the NEV chain and returns its issues. */
function issuesOf(breakIt: (chain: ChainDocument) => void): readonly Issue[] {
  const chain = nevChain();
  breakIt(chain);
  const result = parseFramework(chain, 'broken.json');
  assert.equal(result.value, undefined, 'a framework with issues has no value');
  for (const item of result.issues) assert.ok(issueText(item).zh && issueText(item).en);
  return result.issues;
}

function entryOf(list: Record<string, unknown>[], index: number): Record<string, unknown> {
  const found = list[index];
  assert.ok(found);
  return found;
}

function only(issues: readonly Issue[]): Issue {
  assert.equal(issues.length, 1, JSON.stringify(issues));
  return issues[0] as Issue;
}

test('invalid JSON is framework.not_json', () => {
  const result = parseFrameworkText('{ "id": "nev", ', 'broken.json');
  assert.equal(result.value, undefined);
  const found = only(result.issues);
  assert.equal(found.code, 'framework.not_json');
  assert.equal(found.file, 'broken.json');
  assert.ok((found.params as { reason: string }).reason.length > 0);
});

test('a UTF-8 byte-order mark does not make valid JSON invalid', () => {
  assert.deepEqual(parseFrameworkText(`\uFEFF${JSON.stringify(nevChain())}`, 'bom.json').issues, []);
});

test('a wrong shape is framework.schema with the path of the field', () => {
  const found = only(issuesOf((chain) => {
    entryOf(chain.links, 0).threshold = 'high';
  }));
  assert.equal(found.code, 'framework.schema');
  assert.equal(found.path, 'links[0].threshold');
  assert.equal(found.value, 'high');
});

test('a misspelt field is framework.schema pointing at the field, and the rest is still checked', () => {
  const issues = issuesOf((chain) => {
    entryOf(chain.links, 0).treshold = 2;
    entryOf(chain.links, 0).position = 'top';
  });
  assert.deepEqual(
    issues.map((item) => [item.code, item.path, item.params]),
    [
      ['framework.schema', 'links[0].treshold', { reason: 'unknown field "treshold"' }],
      ['framework.bad_position', 'links[0].position', { id: 'battery.cell', position: 'top' }],
    ],
  );
});

test('a non-object document is framework.schema', () => {
  assert.equal(only(parseFramework([], 'broken.json').issues).code, 'framework.schema');
});

test('a link id that repeats a segment id is framework.duplicate_id', () => {
  const found = only(issuesOf((chain) => {
    entryOf(chain.links, 1).id = 'battery';
  }));
  assert.equal(found.code, 'framework.duplicate_id');
  assert.deepEqual(found.params, { id: 'battery', first: 'segments[0]' });
  assert.equal(found.path, 'links[1].id');
  assert.equal(found.file, 'broken.json');
});

test('a link naming a missing segment is framework.unknown_segment', () => {
  const found = only(issuesOf((chain) => {
    entryOf(chain.links, 1).segment = 'motor';
  }));
  assert.equal(found.code, 'framework.unknown_segment');
  assert.deepEqual(found.params, { link: 'battery.pack', segment: 'motor' });
  assert.equal(found.path, 'links[1].segment');
});

test('a link naming a missing parent is framework.unknown_parent', () => {
  const found = only(issuesOf((chain) => {
    entryOf(chain.links, 1).parent = 'battery.module';
  }));
  assert.equal(found.code, 'framework.unknown_parent');
  assert.deepEqual(found.params, { link: 'battery.pack', parent: 'battery.module' });
  assert.equal(found.path, 'links[1].parent');
});

test('parents that form a cycle are one framework.parent_cycle, at the first link of the cycle', () => {
  const found = only(issuesOf((chain) => {
    entryOf(chain.links, 0).parent = 'battery.pack';
  }));
  assert.equal(found.code, 'framework.parent_cycle');
  assert.deepEqual(found.params, { link: 'battery.cell' });
  assert.equal(found.path, 'links[0].parent');
});

test('a link that is its own parent is framework.parent_cycle', () => {
  const found = only(issuesOf((chain) => {
    entryOf(chain.links, 1).parent = 'battery.pack';
  }));
  assert.equal(found.code, 'framework.parent_cycle');
  assert.deepEqual(found.params, { link: 'battery.pack' });
});

test('a missing or blank name is framework.missing_name, per language', () => {
  const issues = issuesOf((chain) => {
    entryOf(chain.links, 0).name = { zh: '电芯', en: '  ' };
    entryOf(chain.segments, 0).name = { en: 'Traction batteries' };
  });
  assert.deepEqual(
    issues.map((item) => [item.code, item.path, item.params]),
    [
      ['framework.missing_name', 'segments[0].name.zh', { id: 'battery', lang: 'zh' }],
      ['framework.missing_name', 'links[0].name.en', { id: 'battery.cell', lang: 'en' }],
    ],
  );
});

test('a position outside the vocabulary is framework.bad_position', () => {
  const found = only(issuesOf((chain) => {
    entryOf(chain.links, 1).position = 'Upstream';
  }));
  assert.equal(found.code, 'framework.bad_position');
  assert.deepEqual(found.params, { id: 'battery.pack', position: 'Upstream' });
  assert.equal(found.path, 'links[1].position');
  assert.equal(found.value, 'Upstream');
});

test('a zero or negative keyword weight is framework.bad_weight', () => {
  const issues = issuesOf((chain) => {
    entryOf(chain.links, 0).keywords = ['电芯', { term: 'LFP', weight: 0 }, { term: 'NCM', weight: -1 }];
  });
  assert.deepEqual(
    issues.map((item) => [item.code, item.path, item.params, item.value]),
    [
      ['framework.bad_weight', 'links[0].keywords[1].weight', { id: 'battery.cell', term: 'LFP' }, '0'],
      ['framework.bad_weight', 'links[0].keywords[2].weight', { id: 'battery.cell', term: 'NCM' }, '-1'],
    ],
  );
});

test('a keyword listed twice in a link (ignoring case and width) is framework.duplicate_keyword', () => {
  const found = only(issuesOf((chain) => {
    entryOf(chain.links, 0).keywords = ['LFP', '电芯', 'ＬＦＰ'];
  }));
  assert.equal(found.code, 'framework.duplicate_keyword');
  assert.deepEqual(found.params, { id: 'battery.cell', term: 'ＬＦＰ', first: 'links[0].keywords[0]' });
  assert.equal(found.path, 'links[0].keywords[2]');
});

test('a view layer naming a missing link is framework.unknown_view_link', () => {
  const found = only(issuesOf((chain) => {
    chain.views = [
      {
        id: 'value-chain',
        name: { zh: '价值链', en: 'Value chain' },
        layers: [{ id: 'materials', name: { zh: '材料', en: 'Materials' }, links: ['battery.cell', 'battery.anode'] }],
      },
    ];
  }));
  assert.equal(found.code, 'framework.unknown_view_link');
  assert.deepEqual(found.params, { view: 'value-chain', layer: 'materials', link: 'battery.anode' });
  assert.equal(found.path, 'views[0].layers[0].links[1]');
});

test('a framework without links is framework.no_links', () => {
  const found = only(issuesOf((chain) => {
    chain.links = [];
  }));
  assert.equal(found.code, 'framework.no_links');
  assert.deepEqual(found.params, {});
  assert.equal(found.path, 'links');
});

test('duplicate industry codes are framework.duplicate_id', () => {
  const found = only(issuesOf((chain) => {
    chain.industries = {
      standard: 'GB/T 4754-2017',
      sections: [
        { code: 'C', name: { zh: '制造业', en: 'Manufacturing' }, divisions: [{ code: '36', name: { zh: '汽车制造业', en: 'Automobiles' } }] },
        { code: 'C', name: { zh: '制造业', en: 'Manufacturing' } },
      ],
    };
  }));
  assert.equal(found.code, 'framework.duplicate_id');
  assert.deepEqual(found.params, { id: 'C', first: 'industries.sections[0]' });
  assert.equal(found.path, 'industries.sections[1].code');
});

test('every problem is reported at once, not only the first', () => {
  const issues = issuesOf((chain) => {
    entryOf(chain.segments, 0).name = { zh: '动力电池', en: '' };
    entryOf(chain.links, 0).position = 'side';
    entryOf(chain.links, 0).keywords = ['电芯', { term: 'LFP', weight: 0 }, 42];
    entryOf(chain.links, 1).segment = 'motor';
    entryOf(chain.links, 1).parent = 'battery.module';
    chain.views = [{ id: 'v', name: { zh: '视图', en: 'View' }, layers: [{ id: 'l', name: { zh: '层', en: 'Layer' }, links: ['x'] }] }];
  });
  assert.deepEqual(
    issues.map((item) => [item.code, item.path]),
    [
      ['framework.schema', 'links[0].keywords[2]'],
      ['framework.missing_name', 'segments[0].name.en'],
      ['framework.bad_weight', 'links[0].keywords[1].weight'],
      ['framework.bad_position', 'links[0].position'],
      ['framework.unknown_segment', 'links[1].segment'],
      ['framework.unknown_parent', 'links[1].parent'],
      ['framework.unknown_view_link', 'views[0].layers[0].links[0]'],
    ],
  );
  assert.ok(issues.every((item) => item.file === 'broken.json'));
});
