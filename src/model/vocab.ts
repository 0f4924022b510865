/**
 * Closed vocabularies of the data model. Each is a const object (the keys are the
 * stored values, the values their zh/en labels), a type and a guard, so that
 * files, the database and the API all speak the same words.
 */
import type { Text } from './text.js';

/** The type guard of a closed vocabulary: whether a value is one of its keys. */
export function vocabularyGuard<T extends string>(vocab: Record<T, unknown>) {
  return (value: unknown): value is T => typeof value === 'string' && Object.hasOwn(vocab, value);
}

export const Position = {
  upstream: { zh: '上游', en: 'upstream' },
  midstream: { zh: '中游', en: 'midstream' },
  downstream: { zh: '下游', en: 'downstream' },
} as const satisfies Record<string, Text>;
export type Position = keyof typeof Position;
export const isPosition = vocabularyGuard(Position);

export const RegionLevel = {
  country: { zh: '国家', en: 'country' },
  province: { zh: '省级', en: 'province' },
  city: { zh: '地级', en: 'city' },
} as const satisfies Record<string, Text>;
export type RegionLevel = keyof typeof RegionLevel;
export const isRegionLevel = vocabularyGuard(RegionLevel);

/** The four economic regions of the National Bureau of Statistics. */
export const NbsGroup = {
  east: { zh: '东部', en: 'east' },
  central: { zh: '中部', en: 'central' },
  west: { zh: '西部', en: 'west' },
  northeast: { zh: '东北', en: 'northeast' },
} as const satisfies Record<string, Text>;
export type NbsGroup = keyof typeof NbsGroup;
export const isNbsGroup = vocabularyGuard(NbsGroup);

export const Ownership = {
  state: { zh: '国有', en: 'state-owned' },
  private: { zh: '民营', en: 'private' },
  foreign: { zh: '外资', en: 'foreign' },
  mixed: { zh: '混合所有制', en: 'mixed' },
} as const satisfies Record<string, Text>;
export type Ownership = keyof typeof Ownership;
export const isOwnership = vocabularyGuard(Ownership);

export const EnterpriseKind = {
  telecom_operator: { zh: '基础电信运营商', en: 'telecom operator' },
  ict: { zh: 'ICT企业', en: 'ICT company' },
  cloud_provider: { zh: '云服务商', en: 'cloud provider' },
  platform_operator: { zh: '工业互联网平台企业', en: 'industrial internet platform operator' },
  software_vendor: { zh: '工业软件企业', en: 'software vendor' },
  automation_vendor: { zh: '自动化厂商', en: 'automation vendor' },
  instrument_vendor: { zh: '仪器仪表与传感器厂商', en: 'instrument & sensor maker' },
  network_equipment: { zh: '网络设备厂商', en: 'network equipment maker' },
  security_vendor: { zh: '安全厂商', en: 'security vendor' },
  ai_vendor: { zh: '人工智能企业', en: 'AI company' },
  integrator: { zh: '系统集成商', en: 'system integrator' },
  identification_provider: { zh: '标识解析服务商', en: 'identification service provider' },
  manufacturer: { zh: '制造企业', en: 'manufacturer' },
  research_institute: { zh: '科研院所与高校', en: 'research institute or university' },
  other: { zh: '其他', en: 'other' },
} as const satisfies Record<string, Text>;
export type EnterpriseKind = keyof typeof EnterpriseKind;
export const isEnterpriseKind = vocabularyGuard(EnterpriseKind);

/** Where a record came from. */
export const SourceKind = {
  publication: { zh: '公开出版物', en: 'publication' },
  curated: { zh: '人工整理', en: 'curated' },
  alliance_case: { zh: '产业联盟典型案例', en: 'industry-alliance typical case' },
  contest: { zh: '应用大赛案例', en: 'application contest' },
  ministry_pilot: { zh: '部委试点示范', en: 'ministry pilot' },
  survey: { zh: '调研', en: 'survey' },
  registry: { zh: '企业登记信息', en: 'enterprise registry' },
  statistics: { zh: '官方统计', en: 'official statistics' },
  user: { zh: '用户录入', en: 'user entry' },
} as const satisfies Record<string, Text>;
export type SourceKind = keyof typeof SourceKind;
export const isSourceKind = vocabularyGuard(SourceKind);

export const Method = {
  manual: { zh: '人工', en: 'manual' },
  classified: { zh: '自动分类', en: 'classified' },
} as const satisfies Record<string, Text>;
export type Method = keyof typeof Method;
export const isMethod = vocabularyGuard(Method);

export const ComponentRole = {
  lead_integrator: { zh: '总集成商', en: 'lead integrator' },
  component_supplier: { zh: '部件供应商', en: 'component supplier' },
} as const satisfies Record<string, Text>;
export type ComponentRole = keyof typeof ComponentRole;
export const isComponentRole = vocabularyGuard(ComponentRole);

/** The entities a file can carry. */
export const EntityKind = {
  enterprises: { zh: '企业', en: 'enterprises' },
  offerings: { zh: '供给', en: 'offerings' },
  cases: { zh: '案例', en: 'cases' },
  components: { zh: '方案构成', en: 'components' },
  observations: { zh: '指标观测', en: 'observations' },
} as const satisfies Record<string, Text>;
export type EntityKind = keyof typeof EntityKind;
export const isEntityKind = vocabularyGuard(EntityKind);
/** Import order: a later entity may refer to an earlier one in the same import. */
export const ENTITY_ORDER: readonly EntityKind[] = ['enterprises', 'offerings', 'cases', 'components', 'observations'];
