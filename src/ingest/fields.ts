/**
 * What each entity's file columns are: the canonical field names, the headers
 * people actually write for them (Chinese and English, including the usual
 * headers of Chinese enterprise-registry exports) and how each cell is read.
 * Columns that match no field are kept as extra attributes.
 */
import type { EntityKind } from '../model/index.js';
import { ComponentRole, EnterpriseKind, Method, Ownership, Position, SourceKind } from '../model/index.js';

export type FieldType =
  | 'text' | 'name' | 'list' | 'number' | 'money' | 'year' | 'date' | 'period' | 'bool' | 'confidence'
  | 'vocab' | 'link' | 'region' | 'credit_code' | 'industry' | 'country' | 'outcomes';

export interface FieldSpec {
  readonly key: string;
  readonly type: FieldType;
  /** Header spellings, compared after normalisation (see `normalizeHeader`). */
  readonly aliases: readonly string[];
  readonly required?: boolean;
  /** For `vocab` fields: the allowed values with their zh/en labels. */
  readonly vocab?: Readonly<Record<string, { zh: string; en: string }>>;
  /** Several columns may feed this field; their texts are joined. */
  readonly multi?: boolean;
}

const sourceFields: FieldSpec[] = [
  { key: 'source_kind', type: 'vocab', vocab: SourceKind, aliases: ['source_kind', '来源类型', '数据来源类型', 'source type'] },
  { key: 'source', type: 'text', aliases: ['source', '来源', '数据来源', '出处', 'citation'] },
];

export const FIELDS: Readonly<Record<EntityKind, readonly FieldSpec[]>> = {
  enterprises: [
    { key: 'id', type: 'text', aliases: ['id', '编号', '企业编号', 'enterprise id', 'enterprise_id'] },
    { key: 'name', type: 'name', aliases: ['name', '名称', '企业名称', '公司名称', '企业全称', 'company', 'company name', 'enterprise', 'enterprise name'] },
    { key: 'name_zh', type: 'text', aliases: ['name_zh', '中文名称', '企业中文名称', 'chinese name'] },
    { key: 'name_en', type: 'text', aliases: ['name_en', '英文名称', '企业英文名称', 'english name'] },
    { key: 'aliases', type: 'list', aliases: ['aliases', 'alias', '别名', '简称', '企业简称', '曾用名', 'short name', 'former names'] },
    { key: 'credit_code', type: 'credit_code', aliases: ['credit_code', '统一社会信用代码', '社会信用代码', '信用代码', 'uscc', 'unified social credit code', 'credit code'] },
    { key: 'province', type: 'region', aliases: ['province', '省份', '所属省份', '省', '所在省份', '注册地省份', '所属地区', '地区', '所在地', 'region', 'headquarters'] },
    { key: 'city', type: 'region', aliases: ['city', '城市', '所属城市', '地市', '所在城市', '市'] },
    { key: 'origin_country', type: 'country', aliases: ['origin_country', '国别', '来源国', '所属国家', '国家', 'country', 'country of origin'] },
    { key: 'ownership', type: 'vocab', vocab: Ownership, aliases: ['ownership', '所有制', '所有制类型', '企业性质', '经济类型'] },
    { key: 'kind', type: 'vocab', vocab: EnterpriseKind, aliases: ['kind', '主体类别', '企业类别', '类别', 'type', 'enterprise kind'] },
    { key: 'leader', type: 'bool', aliases: ['leader', '龙头', '龙头企业', '是否龙头', '领军企业', '是否领军企业'] },
    { key: 'listing_code', type: 'text', aliases: ['listing_code', '股票代码', '证券代码', '上市代码', 'ticker', 'stock code'] },
    { key: 'industry_code', type: 'industry', aliases: ['industry_code', '行业代码', '国标行业代码', '国民经济行业代码', '所属行业', '行业', '国标行业', 'industry'] },
    { key: 'description', type: 'text', multi: true, aliases: ['description', '简介', '企业简介', '描述', '主营业务', '主营产品', '经营范围', '产品', 'business scope', 'products', 'main business'] },
    { key: 'founded', type: 'date', aliases: ['founded', '成立日期', '成立时间', '注册日期', '成立年份', 'established', 'founded date'] },
    { key: 'registered_capital', type: 'money', aliases: ['registered_capital', '注册资本', '注册资金', 'registered capital'] },
    ...sourceFields,
  ],
  offerings: [
    { key: 'enterprise', type: 'text', required: true, aliases: ['enterprise_id', 'enterprise', '企业', '企业编号', '企业名称', '供应商', '供应商名称', 'supplier', 'company'] },
    { key: 'link', type: 'link', required: true, aliases: ['link', '环节', '产业链环节', '环节编号', '链条环节', 'chain link'] },
    { key: 'product', type: 'text', aliases: ['product', '产品', '产品名称', '产品或服务', '产品服务', '服务', 'service', 'product or service'] },
    { key: 'position', type: 'vocab', vocab: Position, aliases: ['position', '产业链位置', '位置', '上中下游', 'chain position'] },
    { key: 'method', type: 'vocab', vocab: Method, aliases: ['method', '方式', '识别方式', '来源方式'] },
    { key: 'confidence', type: 'confidence', aliases: ['confidence', '置信度'] },
    { key: 'evidence', type: 'text', aliases: ['evidence', '依据', '证据', '说明'] },
    ...sourceFields,
  ],
  cases: [
    { key: 'id', type: 'text', required: true, aliases: ['id', 'case_id', '案例编号', '编号', 'case id'] },
    { key: 'title_zh', type: 'text', aliases: ['title_zh', '案例名称', '标题', '名称', '项目名称', 'title', 'case title'] },
    { key: 'title_en', type: 'text', aliases: ['title_en', '英文标题', '英文名称', 'english title'] },
    { key: 'year', type: 'year', aliases: ['year', '年份', '年度', '年'] },
    { key: 'customer', type: 'text', aliases: ['customer', '客户', '客户名称', '用户单位', '应用企业', '需求方', 'client'] },
    { key: 'customer_province', type: 'region', aliases: ['customer_province', '客户省份', '所属省份', '省份', '地区', 'province', 'region'] },
    { key: 'customer_city', type: 'region', aliases: ['customer_city', '客户城市', '所属城市', '城市', 'city'] },
    { key: 'industry_code', type: 'industry', aliases: ['industry_code', '行业代码', '所属行业', '应用行业', '行业', 'industry'] },
    { key: 'description_zh', type: 'text', multi: true, aliases: ['description_zh', '案例描述', '描述', '方案介绍', '方案描述', '简介', '案例简介', 'description'] },
    { key: 'description_en', type: 'text', aliases: ['description_en', '英文描述', 'english description'] },
    { key: 'outcomes', type: 'outcomes', aliases: ['outcomes', '成效', '应用成效', '效果', '实施效果', 'results'] },
    ...sourceFields,
  ],
  components: [
    { key: 'case_id', type: 'text', required: true, aliases: ['case_id', '案例编号', '案例', 'case'] },
    { key: 'link', type: 'link', required: true, aliases: ['link', '环节', '产业链环节', '环节编号', 'chain link'] },
    { key: 'supplier_id', type: 'text', aliases: ['supplier_id', '供应商编号', '供应商代码', 'supplier id'] },
    { key: 'supplier_name', type: 'text', aliases: ['supplier_name', '供应商', '供应商名称', '供应企业', 'supplier'] },
    { key: 'role', type: 'vocab', vocab: ComponentRole, aliases: ['role', '角色', '供应角色'] },
    { key: 'method', type: 'vocab', vocab: Method, aliases: ['method', '方式', '识别方式'] },
    { key: 'confidence', type: 'confidence', aliases: ['confidence', '置信度'] },
    { key: 'evidence', type: 'text', aliases: ['evidence', '依据', '证据', '原文'] },
    { key: 'reviewed', type: 'bool', aliases: ['reviewed', '已审核', '是否审核', '审核'] },
    { key: 'note', type: 'text', aliases: ['note', '备注', 'notes'] },
  ],
  observations: [
    { key: 'indicator', type: 'text', required: true, aliases: ['indicator', '指标', '指标代码', '指标编号', 'indicator key'] },
    { key: 'label_zh', type: 'text', aliases: ['label_zh', '指标名称', '中文名称'] },
    { key: 'label_en', type: 'text', aliases: ['label_en', '英文名称', 'indicator name', 'label'] },
    { key: 'region', type: 'region', required: true, aliases: ['region', '地区', '区域', '省份', 'province'] },
    { key: 'link', type: 'link', aliases: ['link', '环节', '产业链环节'] },
    { key: 'enterprise', type: 'text', aliases: ['enterprise_id', 'enterprise', '企业', '企业名称', '企业编号', 'company'] },
    { key: 'period', type: 'period', required: true, aliases: ['period', '期间', '时间', '年份', '日期', 'year', 'date'] },
    { key: 'value', type: 'number', required: true, aliases: ['value', '数值', '值', '数量'] },
    { key: 'unit', type: 'text', required: true, aliases: ['unit', '单位'] },
    { key: 'rank_within', type: 'text', aliases: ['rank_within', '排名范围', '排名口径'] },
    { key: 'note', type: 'text', aliases: ['note', '备注', '说明'] },
    ...sourceFields,
  ],
};

/** Compares headers loosely: width, case, spaces, underscores and a bracketed unit do not matter. */
export function normalizeHeader(header: string): { base: string; unit?: string } {
  const text = header.normalize('NFKC').trim().toLowerCase();
  const bracket = /[([]([^)\]]*)[)\]]\s*$/.exec(text);
  const base = (bracket ? text.slice(0, bracket.index) : text).replace(/[\s_\-.]+/g, '');
  return bracket?.[1] ? { base, unit: bracket[1].trim() } : { base };
}

const LOOKUP: Record<EntityKind, Map<string, FieldSpec>> = Object.fromEntries(
  Object.entries(FIELDS).map(([entity, fields]) => [
    entity,
    new Map(fields.flatMap((field) => field.aliases.map((alias) => [normalizeHeader(alias).base, field] as const))),
  ]),
) as Record<EntityKind, Map<string, FieldSpec>>;

export function fieldForHeader(entity: EntityKind, header: string): FieldSpec | undefined {
  return LOOKUP[entity].get(normalizeHeader(header).base);
}
