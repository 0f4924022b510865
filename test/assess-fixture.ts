/**
 * A small hand-built chain and data set for the assessment tests. Every figure
 * the tests expect is worked out by hand in the test files from these rows.
 *
 * Framework: segment A (links a1, a2), segment B (link b1).
 *
 * Enterprises (headquarters, origin, leader) and the links they offer:
 *   e1 Jiangxi/Nanchang CN       a1            (its zh name starts with "=": a formula-injection probe)
 *   e2 Jiangxi/Jiujiang CN       a1 a2
 *   e3 Hubei/Wuhan      CN leader a2 b1
 *   e4 Beijing          DE       a1 b1
 *   e5 Beijing          CN leader b1
 *   e6 (unknown)        US       a1            (not located: counted in no region)
 *   e7 Hunan/Changsha   CN       a1
 *
 * Cases (customer) and components (link by supplier, role):
 *   c1 Jiangxi  a1 by e1 lead, a2 by e3, b1 by an unnamed supplier
 *   c2 Jiangxi  a1 by e2 lead
 *   c3 Beijing  b1 by e4 lead, a1 by e1
 *   c4 unknown  a2 by e2, b1 by e5 lead
 */
import type { Framework, Link, Observation } from '../src/model/index.js';
import type { AssessmentRows } from '../src/assess/index.js';

export const JX = '360000';
export const HB = '420000';
export const BJ = '110000';
export const HN = '430000';

const link = (id: string, segment: string, zh: string, en: string): Link => ({
  id, segment, name: { zh, en }, position: 'midstream', scope: { zh, en }, keywords: [], negatives: [],
});

export const FRAMEWORK: Framework = {
  id: 'test-chain', version: '1', name: { zh: '测试链', en: 'test chain' },
  segments: [{ id: 'A', name: { zh: '甲', en: 'A' } }, { id: 'B', name: { zh: '乙', en: 'B' } }],
  links: [link('a1', 'A', '甲一', 'a-one'), link('a2', 'A', '甲二', 'a-two'), link('b1', 'B', '乙一', 'b-one')],
  views: [],
};

const observation = (o: Partial<Observation> & Pick<Observation, 'indicator' | 'region' | 'value' | 'unit'>): Observation => ({
  period: '2023', extra: {}, source: 'test §1', ...o,
});

export const OBSERVATIONS: Observation[] = [
  observation({ indicator: 'ident.secondary_nodes', labelEn: 'secondary nodes', labelZh: '二级节点数', region: JX, link: 'b1', value: 13, unit: '个' }),
  observation({ indicator: 'ident.secondary_nodes', labelEn: 'secondary nodes', labelZh: '二级节点数', region: HB, link: 'b1', value: 13, unit: '个' }),
  observation({ indicator: 'ident.secondary_nodes', labelEn: 'secondary nodes', labelZh: '二级节点数', region: HN, link: 'b1', value: 5, unit: '个' }),
  observation({ indicator: 'ident.secondary_nodes', labelEn: 'secondary nodes', labelZh: '二级节点数', region: 'CN', link: 'b1', value: 284, unit: '个' }),
  observation({ indicator: 'ident.construction_rank', labelEn: 'construction ranking', labelZh: '建设成效排名', region: JX, link: 'b1', value: 1, unit: 'rank', rankWithin: 'central' }),
  observation({ indicator: 'ident.construction_rank', labelEn: 'construction ranking', labelZh: '建设成效排名', region: JX, link: 'b1', value: 9, unit: 'rank', rankWithin: 'nation' }),
  observation({ indicator: 'software.x.foreign_share', labelEn: 'foreign share', region: 'CN', link: 'a1', value: 90, unit: '%', note: 'more than' }),
];

export const ROWS: AssessmentRows = {
  enterprises: [
    { id: 'e1', nameZh: '=1+1甲公司', nameEn: 'E1 Co', province: JX, city: '360100', leader: false, originCountry: 'CN' },
    { id: 'e2', nameZh: '乙公司', nameEn: 'E2 Co', province: JX, city: '360400', leader: false, originCountry: 'CN' },
    { id: 'e3', nameZh: '丙公司', nameEn: 'E3 Co', province: HB, city: '420100', leader: true, originCountry: 'CN' },
    { id: 'e4', nameZh: '丁公司', nameEn: 'E4 GmbH', province: BJ, leader: false, originCountry: 'DE' },
    { id: 'e5', nameZh: '戊公司', nameEn: 'E5 Co', province: BJ, leader: true, originCountry: 'CN' },
    { id: 'e6', nameZh: '己公司', nameEn: 'E6 Inc', leader: false, originCountry: 'US' },
    { id: 'e7', nameZh: '庚公司', nameEn: 'E7 Co', province: HN, city: '430100', leader: false, originCountry: 'CN' },
  ],
  suppliers: [
    { enterpriseId: 'e1', link: 'a1', province: JX, city: '360100', leader: false },
    { enterpriseId: 'e2', link: 'a1', province: JX, city: '360400', leader: false },
    { enterpriseId: 'e2', link: 'a2', province: JX, city: '360400', leader: false },
    { enterpriseId: 'e3', link: 'a2', province: HB, city: '420100', leader: true },
    { enterpriseId: 'e3', link: 'b1', province: HB, city: '420100', leader: true },
    { enterpriseId: 'e4', link: 'a1', province: BJ, leader: false },
    { enterpriseId: 'e4', link: 'b1', province: BJ, leader: false },
    { enterpriseId: 'e5', link: 'b1', province: BJ, leader: true },
    { enterpriseId: 'e6', link: 'a1', leader: false },
    { enterpriseId: 'e7', link: 'a1', province: HN, city: '430100', leader: false },
  ],
  components: [
    { caseId: 'c1', link: 'a1', customerProvince: JX, customerCity: '360100', supplierId: 'e1', role: 'lead_integrator' },
    { caseId: 'c1', link: 'a2', customerProvince: JX, customerCity: '360100', supplierId: 'e3', role: 'component_supplier' },
    { caseId: 'c1', link: 'b1', customerProvince: JX, customerCity: '360100', role: 'component_supplier' },
    { caseId: 'c2', link: 'a1', customerProvince: JX, supplierId: 'e2', role: 'lead_integrator' },
    { caseId: 'c3', link: 'b1', customerProvince: BJ, supplierId: 'e4', role: 'lead_integrator' },
    { caseId: 'c3', link: 'a1', customerProvince: BJ, supplierId: 'e1', role: 'component_supplier' },
    { caseId: 'c4', link: 'a2', supplierId: 'e2', role: 'component_supplier' },
    { caseId: 'c4', link: 'b1', supplierId: 'e5', role: 'lead_integrator' },
  ],
  cases: [
    { id: 'c1', titleZh: '案例一', titleEn: 'case one' }, { id: 'c2', titleZh: '案例二', titleEn: 'case two' },
    { id: 'c3', titleZh: '案例三', titleEn: 'case three' }, { id: 'c4', titleZh: '案例四', titleEn: 'case four' },
  ],
  observations: OBSERVATIONS,
};
