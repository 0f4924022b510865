/**
 * Every user-facing message, in Chinese and English. Code elsewhere refers to a
 * message by its code and parameters; tests assert against this catalog.
 * Sections are grouped by the module that raises them.
 */
import type { Text } from './text.js';

const list = (items: readonly string[]) => items.join(', ');
const listZh = (items: readonly string[]) => items.join('、');

export const messages = {
  // ── framework ───────────────────────────────────────────────
  'framework.not_json': (p: { reason: string }) => ({
    zh: `不是有效的 JSON：${p.reason}`,
    en: `not valid JSON: ${p.reason}`,
  }),
  'framework.schema': (p: { reason: string }) => ({
    zh: `格式不符：${p.reason}`,
    en: `does not match the framework format: ${p.reason}`,
  }),
  'framework.duplicate_id': (p: { id: string; first: string }) => ({
    zh: `编号 ${p.id} 重复（首次出现在 ${p.first}）`,
    en: `duplicate id ${p.id} (first at ${p.first})`,
  }),
  'framework.unknown_segment': (p: { link: string; segment: string }) => ({
    zh: `环节 ${p.link} 所属的环节组 ${p.segment} 不存在`,
    en: `link ${p.link} names segment ${p.segment}, which does not exist`,
  }),
  'framework.unknown_parent': (p: { link: string; parent: string }) => ({
    zh: `环节 ${p.link} 的上级环节 ${p.parent} 不存在`,
    en: `link ${p.link} names parent ${p.parent}, which does not exist`,
  }),
  'framework.parent_cycle': (p: { link: string }) => ({
    zh: `环节 ${p.link} 的上级关系形成循环`,
    en: `the parents of link ${p.link} form a cycle`,
  }),
  'framework.missing_name': (p: { id: string; lang: string }) => ({
    zh: `${p.id} 缺少${p.lang === 'zh' ? '中文' : '英文'}名称`,
    en: `${p.id} has no ${p.lang === 'zh' ? 'Chinese' : 'English'} name`,
  }),
  'framework.bad_position': (p: { id: string; position: string }) => ({
    zh: `${p.id} 的产业链位置「${p.position}」无效，应为 upstream、midstream 或 downstream`,
    en: `${p.id} has position "${p.position}"; expected upstream, midstream or downstream`,
  }),
  'framework.unknown_view_link': (p: { view: string; layer: string; link: string }) => ({
    zh: `视图 ${p.view} 的层 ${p.layer} 引用了不存在的环节 ${p.link}`,
    en: `view ${p.view}, layer ${p.layer} names link ${p.link}, which does not exist`,
  }),
  'framework.bad_weight': (p: { id: string; term: string }) => ({
    zh: `${p.id} 的关键词「${p.term}」权重应为正数`,
    en: `${p.id}: keyword "${p.term}" needs a positive weight`,
  }),
  'framework.no_links': () => ({ zh: '框架没有任何环节', en: 'the framework has no links' }),
  'framework.file_unreadable': (p: { file: string; reason: string }) => ({
    zh: `无法读取框架文件 ${p.file}：${p.reason}`,
    en: `cannot read framework file ${p.file}: ${p.reason}`,
  }),
  'framework.invalid': (p: { file: string; count: number }) => ({
    zh: `框架文件 ${p.file} 有 ${p.count} 处错误`,
    en: `framework file ${p.file} has ${p.count} error(s)`,
  }),
  'framework.duplicate_keyword': (p: { id: string; term: string; first: string }) => ({
    zh: `${p.id} 的关键词「${p.term}」重复（首次出现在 ${p.first}）`,
    en: `${p.id}: keyword "${p.term}" is listed twice (first at ${p.first})`,
  }),
  // (new framework messages go above this line)

  // ── regions ─────────────────────────────────────────────────
  'region.unknown': (p: { input: string; suggestions: readonly string[] }) => ({
    zh: `无法识别地区「${p.input}」${p.suggestions.length ? `，是否指：${listZh(p.suggestions)}` : ''}`,
    en: `unknown region "${p.input}"${p.suggestions.length ? `; did you mean: ${list(p.suggestions)}` : ''}`,
  }),
  'region.ambiguous': (p: { input: string; candidates: readonly string[] }) => ({
    zh: `地区「${p.input}」有多个可能：${listZh(p.candidates)}，请写得更具体`,
    en: `region "${p.input}" is ambiguous: ${list(p.candidates)}; please be more specific`,
  }),
  'region.city_outside_province': (p: { city: string; province: string }) => ({
    zh: `城市 ${p.city} 不属于 ${p.province}`,
    en: `city ${p.city} is not in ${p.province}`,
  }),
  'region.not_a_city': (p: { input: string }) => ({
    zh: `「${p.input}」不是地级市`,
    en: `"${p.input}" is not a prefecture-level city`,
  }),
  'region.not_a_province': (p: { input: string }) => ({
    zh: `「${p.input}」不是省级行政区`,
    en: `"${p.input}" is not a province-level division`,
  }),
  // (new region messages go above this line)

  // ── ingest ──────────────────────────────────────────────────
  'ingest.file_missing': (p: { file: string }) => ({ zh: `文件不存在：${p.file}`, en: `no such file: ${p.file}` }),
  'ingest.empty_file': () => ({ zh: '文件为空', en: 'the file is empty' }),
  'ingest.no_rows': () => ({ zh: '只有表头，没有数据行', en: 'the file has a header but no data rows' }),
  'ingest.unsupported_format': (p: { ext: string }) => ({
    zh: `不支持的文件类型「${p.ext}」，请使用 .xlsx、.csv 或 .json`,
    en: `unsupported file type "${p.ext}"; use .xlsx, .csv or .json`,
  }),
  'ingest.corrupt_xlsx': (p: { reason: string }) => ({
    zh: `不是有效的 Excel（.xlsx）文件，可能已损坏或被截断：${p.reason}`,
    en: `not a readable Excel (.xlsx) file; it may be corrupt or truncated: ${p.reason}`,
  }),
  'ingest.bad_json': (p: { reason: string }) => ({ zh: `JSON 无法解析：${p.reason}`, en: `the JSON cannot be parsed: ${p.reason}` }),
  'ingest.json_shape': () => ({
    zh: 'JSON 应为记录数组，或以实体名（enterprises、offerings、cases、components、observations）为键的对象',
    en: 'JSON must be an array of records, or an object keyed by entity (enterprises, offerings, cases, components, observations)',
  }),
  'ingest.bad_csv': (p: { reason: string }) => ({ zh: `CSV 格式错误：${p.reason}`, en: `malformed CSV: ${p.reason}` }),
  'ingest.mixed_encoding': () => ({
    zh: '此行的编码与文件其余部分不一致（文件混用了 UTF-8 与 GB18030）',
    en: 'this line is in a different encoding from the rest of the file (UTF-8 and GB18030 mixed)',
  }),
  'ingest.undecodable': (p: { encoding: string }) => ({
    zh: `此行含有无法按 ${p.encoding} 解码的字节`,
    en: `this line has bytes that are not valid ${p.encoding}`,
  }),
  'ingest.unknown_entity': (p: { name: string }) => ({
    zh: `无法判断「${p.name}」是哪类数据；请用 --entity 指定（enterprises、offerings、cases、components、observations），或使用对应的文件名/工作表名`,
    en: `cannot tell which entity "${p.name}" holds; say it with --entity (enterprises, offerings, cases, components, observations) or name the file/sheet after it`,
  }),
  'ingest.missing_header': (p: { columns: readonly string[] }) => ({
    zh: `缺少必需的列：${listZh(p.columns)}`,
    en: `missing required column(s): ${list(p.columns)}`,
  }),
  'ingest.duplicate_header': (p: { field: string; columns: readonly string[] }) => ({
    zh: `多个列都对应字段 ${p.field}：${listZh(p.columns)}`,
    en: `several columns map to field ${p.field}: ${list(p.columns)}`,
  }),
  'ingest.required': (p: { field: string }) => ({ zh: `必填字段 ${p.field} 为空`, en: `required field ${p.field} is empty` }),
  'ingest.one_of_required': (p: { fields: readonly string[] }) => ({
    zh: `${listZh(p.fields)} 至少填写一项`,
    en: `at least one of ${list(p.fields)} is required`,
  }),
  'ingest.not_number': () => ({ zh: '不是有效的数字', en: 'not a valid number' }),
  'ingest.bad_unit': (p: { unit: string }) => ({ zh: `无法识别的单位「${p.unit}」`, en: `unknown unit "${p.unit}"` }),
  'ingest.not_year': () => ({ zh: '不是有效的年份（1900–2100）', en: 'not a valid year (1900–2100)' }),
  'ingest.not_date': () => ({ zh: '不是有效的日期（如 2021-05-01）', en: 'not a valid date (e.g. 2021-05-01)' }),
  'ingest.not_period': () => ({ zh: '不是有效的期间（如 2022、2022-11 或 2022-11-20）', en: 'not a valid period (e.g. 2022, 2022-11 or 2022-11-20)' }),
  'ingest.not_boolean': () => ({ zh: '应为 是/否（true/false）', en: 'expected yes/no (true/false)' }),
  'ingest.out_of_range': (p: { min: number; max: number }) => ({
    zh: `应在 ${p.min} 到 ${p.max} 之间`,
    en: `must be between ${p.min} and ${p.max}`,
  }),
  'ingest.not_in_vocab': (p: { allowed: readonly string[] }) => ({
    zh: `取值无效，可选：${listZh(p.allowed)}`,
    en: `not an allowed value; expected one of ${list(p.allowed)}`,
  }),
  'ingest.bad_credit_code': (p: { reason: string }) => ({
    zh: `统一社会信用代码无效：${p.reason}`,
    en: `invalid unified social credit code: ${p.reason}`,
  }),
  'ingest.unknown_link': (p: { link: string; suggestions: readonly string[] }) => ({
    zh: `框架中没有环节「${p.link}」${p.suggestions.length ? `，是否指：${listZh(p.suggestions)}` : ''}`,
    en: `the framework has no link "${p.link}"${p.suggestions.length ? `; did you mean: ${list(p.suggestions)}` : ''}`,
  }),
  'ingest.bad_industry_code': () => ({
    zh: '不是 GB/T 4754-2017 的门类或大类代码（如 C 或 26）',
    en: 'not a GB/T 4754-2017 section or division code (e.g. C or 26)',
  }),
  'ingest.bad_country': () => ({ zh: '应为两位国家代码（如 CN、DE、US）', en: 'expected a two-letter country code (e.g. CN, DE, US)' }),
  'ingest.formula': () => ({
    zh: '单元格是公式或以 = 开头的公式文本，已拒绝（请粘贴为纯文本值）',
    en: 'the cell holds a formula (or text starting with =); paste it as a plain value',
  }),
  'ingest.duplicate_in_file': (p: { key: string; first: string }) => ({
    zh: `与${/^\d+$/.test(p.first) ? `第 ${p.first} 行` : ` ${p.first} `}重复（${p.key}）`,
    en: `duplicates ${/^\d+$/.test(p.first) ? `row ${p.first}` : p.first} (${p.key})`,
  }),
  'ingest.unknown_enterprise': (p: { ref: string }) => ({
    zh: `找不到企业「${p.ref}」（既不在本次导入中，也不在数据库中）`,
    en: `no enterprise "${p.ref}" in this import or the database`,
  }),
  'ingest.unknown_case': (p: { ref: string }) => ({
    zh: `找不到案例「${p.ref}」（既不在本次导入中，也不在数据库中）`,
    en: `no case "${p.ref}" in this import or the database`,
  }),
  'ingest.credit_code_conflict': (p: { code: string; existing: string }) => ({
    zh: `统一社会信用代码 ${p.code} 已属于企业 ${p.existing}`,
    en: `credit code ${p.code} already belongs to enterprise ${p.existing}`,
  }),
  'ingest.bad_outcomes': () => ({
    zh: '成效格式应为「指标 +30%; 指标 -20%」',
    en: 'outcomes must read like "metric +30%; metric -20%"',
  }),
  'ingest.text_too_long': (p: { max: number }) => ({ zh: `文本超过 ${p.max} 个字符`, en: `text longer than ${p.max} characters` }),
  'ingest.control_chars': () => ({ zh: '含有不可见的控制字符', en: 'contains control characters' }),
  'ingest.rejected': (p: { file: string; rejected: number; total: number }) => ({
    zh: `${p.file}：${p.total} 行中有 ${p.rejected} 行有问题，未导入任何数据`,
    en: `${p.file}: ${p.rejected} of ${p.total} rows have problems; nothing was imported`,
  }),
  // (new ingest messages go above this line)

  // ── store ───────────────────────────────────────────────────
  'store.open_failed': (p: { file: string; reason: string }) => ({
    zh: `无法打开数据库 ${p.file}：${p.reason}`,
    en: `cannot open database ${p.file}: ${p.reason}`,
  }),
  'store.newer_schema': (p: { file: string; found: number; known: number }) => ({
    zh: `数据库 ${p.file} 的结构版本 ${p.found} 比本程序支持的 ${p.known} 更新，请升级 ChainAtlas`,
    en: `database ${p.file} has schema version ${p.found}, newer than this ChainAtlas knows (${p.known}); upgrade ChainAtlas`,
  }),
  'store.created_empty': (p: { file: string }) => ({
    zh: `未找到数据库，已新建空数据库 ${p.file}（运行 chainatlas init 载入默认数据集）`,
    en: `no database found; created an empty one at ${p.file} (run chainatlas init to load the default dataset)`,
  }),
  // (new store messages go above this line)

  // ── classify ────────────────────────────────────────────────
  'classify.bad_model': (p: { file: string; reason: string }) => ({
    zh: `分类模型文件 ${p.file} 无效：${p.reason}`,
    en: `classifier model ${p.file} is not valid: ${p.reason}`,
  }),
  'classify.labels_missing_column': (p: { columns: readonly string[] }) => ({
    zh: `标注文件缺少必需的列：${listZh(p.columns)}（应有 id、text、links）`,
    en: `the label file lacks required column(s): ${list(p.columns)} (expected id, text, links)`,
  }),
  'classify.labels_unknown_link': (p: { link: string; suggestions: readonly string[] }) => ({
    zh: `标注了框架中不存在的环节「${p.link}」${p.suggestions.length ? `，是否指：${listZh(p.suggestions)}` : ''}`,
    en: `labels a link "${p.link}" that the framework does not have${p.suggestions.length ? `; did you mean: ${list(p.suggestions)}` : ''}`,
  }),
  'classify.labels_duplicate_id': (p: { id: string; first: number }) => ({
    zh: `编号 ${p.id} 重复（首次出现在第 ${p.first} 行）`,
    en: `duplicate id ${p.id} (first at row ${p.first})`,
  }),
  'classify.labels_missing_id': () => ({ zh: '编号（id）为空', en: 'the id is empty' }),
  'classify.labels_empty': (p: { file: string }) => ({
    zh: `标注文件 ${p.file} 没有任何标注行`,
    en: `label file ${p.file} has no labelled rows`,
  }),
  'classify.eval_summary': (p: { texts: number; file: string; model: string }) => ({
    zh: `${p.file}：${p.texts} 条文本，分类器：${p.model}`,
    en: `${p.file}: ${p.texts} texts, classifier: ${p.model}`,
  }),
  'classify.model_written': (p: { file: string; examples: number; links: number }) => ({
    zh: `已写入模型 ${p.file}（${p.examples} 条训练文本，${p.links} 个逻辑回归项）`,
    en: `model written to ${p.file} (${p.examples} training texts, ${p.links} logistic entries)`,
  }),
  // (new classify messages go above this line)

  // ── review ──────────────────────────────────────────────────
  'review.nothing_to_decide': (p: { link: string }) => ({
    zh: `没有可决定的记录：该对象在 ${p.link} 上没有分配（新增请用 review add）`,
    en: `nothing to decide: no assignment on ${p.link} for that subject (use review add to add one)`,
  }),
  'review.no_match': (p: { caseId: string; mention: string }) => ({
    zh: `案例 ${p.caseId} 中没有名称“${p.mention}”的供给方匹配（先运行 decompose）`,
    en: `case ${p.caseId} has no supplier match for "${p.mention}" (run decompose first)`,
  }),
  // (new review messages go above this line)

  // ── assess ──────────────────────────────────────────────────
  // Configuration and input problems of the assessment (src/assess, data/assess/weights.json).
  'assess.config_unreadable': (p: { file: string; reason: string }) => ({
    zh: `无法读取评估配置文件 ${p.file}：${p.reason}`,
    en: `cannot read assessment config ${p.file}: ${p.reason}`,
  }),
  'assess.config_invalid': (p: { path: string; reason: string }) => ({
    zh: `评估配置 ${p.path} 无效：${p.reason}`,
    en: `assessment config ${p.path} is not valid: ${p.reason}`,
  }),
  'assess.weights_normalised': (p: { set: string; sum: number }) => ({
    zh: `权重组 ${p.set} 之和为 ${p.sum}，不等于 1：已按比例缩放为和为 1`,
    en: `the ${p.set} weights sum to ${p.sum}, not 1: rescaled proportionally to sum to 1`,
  }),
  'assess.weights_zero': (p: { set: string }) => ({
    zh: `权重组 ${p.set} 全为 0，无法计算得分`,
    en: `the ${p.set} weights are all 0: no score can be computed`,
  }),
  'assess.bad_cuts': (p: { reason: string }) => ({
    zh: `分档阈值无效：${p.reason}`,
    en: `invalid tier cut points: ${p.reason}`,
  }),
  'assess.unknown_link': (p: { link: string; suggestions: readonly string[] }) => ({
    zh: `环节 ${p.link} 不在框架中${p.suggestions.length ? `；是否指 ${listZh(p.suggestions)}？` : ''}`,
    en: `link ${p.link} is not in the framework${p.suggestions.length ? `; did you mean ${list(p.suggestions)}?` : ''}`,
  }),
  'assess.unknown_segment': (p: { segment: string; suggestions: readonly string[] }) => ({
    zh: `环节组 ${p.segment} 不在框架中${p.suggestions.length ? `；是否指 ${listZh(p.suggestions)}？` : ''}`,
    en: `segment ${p.segment} is not in the framework${p.suggestions.length ? `; did you mean ${list(p.suggestions)}?` : ''}`,
  }),
  'assess.unknown_enterprise': (p: { id: string }) => ({
    zh: `找不到企业 ${p.id}`,
    en: `no enterprise ${p.id}`,
  }),
  'assess.bad_assumption': (p: { text: string; reason: string }) => ({
    zh: `情景假设“${p.text}”无效：${p.reason}。格式：attract:企业[@地区]、offer:企业:环节[,环节]、new:地区:环节[,环节][:leader]`,
    en: `scenario assumption "${p.text}" is not valid: ${p.reason}. Forms: attract:ENTERPRISE[@REGION], offer:ENTERPRISE:LINK[,LINK], new:REGION:LINK[,LINK][:leader]`,
  }),
  'assess.assumption_noop': (p: { text: string; reason: string }) => ({
    zh: `情景假设“${p.text}”不改变任何数据：${p.reason}`,
    en: `scenario assumption "${p.text}" changes nothing: ${p.reason}`,
  }),
  'assess.region_no_data': (p: { region: string }) => ({
    zh: `${p.region} 没有任何供给企业、案例或观测数据：各环节均为“缺失”`,
    en: `${p.region} has no suppliers, cases or observations: every link is "missing"`,
  }),
  'assess.region_level': (p: { region: string; level: string }) => ({
    zh: `${p.region} 不是${p.level === 'city' ? '地级市' : '省级行政区'}，与评估层级 ${p.level} 不符`,
    en: `${p.region} is not a ${p.level === 'city' ? 'prefecture-level city' : 'province-level division'}, the level assessed`,
  }),
  'assess.bad_benchmark': (p: { text: string; reason: string }) => ({
    zh: `对标基准“${p.text}”无效：${p.reason}`,
    en: `benchmark "${p.text}" is not valid: ${p.reason}`,
  }),
  'assess.unknown_indicator': (p: { indicator: string; suggestions: readonly string[] }) => ({
    zh: `没有指标 ${p.indicator}${p.suggestions.length ? `；是否指 ${listZh(p.suggestions)}？` : ''}`,
    en: `no indicator ${p.indicator}${p.suggestions.length ? `; did you mean ${list(p.suggestions)}?` : ''}`,
  }),
  'assess.metric_needs_unit': (p: { metric: string }) => ({
    zh: `指标 ${p.metric} 按环节计算：请给出 --link 或 --segment`,
    en: `${p.metric} is measured per link: give --link or --segment`,
  }),
  'assess.unlocated': (p: { suppliers: number; level: string }) => ({
    zh: `${p.suppliers} 个“企业-环节”供给记录的总部${p.level === 'city' ? '城市' : '省份'}不明，未计入任何地区（单独列出）`,
    en: `${p.suppliers} supplier-link pair(s) have no known headquarters ${p.level === 'city' ? 'city' : 'province'}: counted in no region (reported apart)`,
  }),
  'assess.unknown_links_dropped': (p: { rows: number }) => ({
    zh: `${p.rows} 条记录所在环节不在当前框架中，未计入`,
    en: `${p.rows} record(s) on links outside the framework in use were left out`,
  }),
  // Sentences the assessment generates from its numbers (src/assess/narrate.ts passes them formatted figures).
  'assess.say.rank': (p: { rank: number; of: number; tied: number; scopeZh: string; scopeEn: string; ordinalEn: string }) => ({
    zh: `${p.scopeZh}${p.of}个中${p.tied > 1 ? '并列' : ''}第${p.rank}${p.tied > 1 ? `（${p.tied}个并列）` : ''}`,
    en: `${p.tied > 1 ? '=' : ''}${p.ordinalEn} of ${p.of} ${p.scopeEn}${p.tied > 1 ? ` (${p.tied} tied)` : ''}`,
  }),
  'assess.say.sourced_rank': (p: { labelZh: string; labelEn: string; ranksZh: string; ranksEn: string; source: string }) => ({
    zh: `${p.labelZh}：${p.ranksZh}（来源数据，未重新计算：${p.source}）`,
    en: `${p.labelEn}: ${p.ranksEn} (as sourced, not recomputed: ${p.source})`,
  }),
  'assess.say.observed': (p: { labelZh: string; labelEn: string; value: string; unit: string; rankZh: string; rankEn: string; nationZh: string; nationEn: string; source: string }) => ({
    zh: `${p.labelZh} ${p.value}${p.unit}${p.rankZh ? `，${p.rankZh}` : ''}${p.nationZh ? `，${p.nationZh}` : ''}（${p.source}）`,
    en: `${p.labelEn} ${p.value} ${p.unit}${p.rankEn ? `, ${p.rankEn}` : ''}${p.nationEn ? `, ${p.nationEn}` : ''} (${p.source})`,
  }),
  'assess.say.summary': (p: {
    regionZh: string; regionEn: string; present: number; links: number; completeness: string; strong: number; adequate: number; weak: number;
    missing: number; broken: number; short: number; benchmarkZh: string; benchmarkEn: string;
  }) => ({
    zh: `${p.regionZh}在${p.links}个环节中有${p.present}个环节拥有本地供给企业（完整度${p.completeness}）；较强${p.strong}个、一般${p.adequate}个、薄弱${p.weak}个、缺失${p.missing}个；断链${p.broken}个、短链${p.short}个。专业化程度对标${p.benchmarkZh}。`,
    en: `${p.regionEn} has local suppliers on ${p.present} of ${p.links} links (completeness ${p.completeness}); ${p.strong} strong, ${p.adequate} adequate, ${p.weak} weak, ${p.missing} missing; ${p.broken} broken and ${p.short} short links. Specialisation is measured against ${p.benchmarkEn}.`,
  }),
  'assess.say.fill': (p: {
    linkZh: string; linkEn: string; tierZh: string; tierEn: string; suppliers: number; nation: number; demand: number; nationalDemand: number;
    density: string; targetsZh: string; targetsEn: string;
  }) => ({
    zh: `补链「${p.linkZh}」：本地供给企业${p.suppliers}家（全国${p.nation}家），档次为${p.tierZh}；本地${p.demand}个案例、全国${p.nationalDemand}个案例需要该环节；关联密度${p.density}。${p.targetsZh ? `建议引进：${p.targetsZh}。` : '全国尚无可引进的供给企业。'}`,
    en: `Fill "${p.linkEn}": ${p.suppliers} local supplier(s) (${p.nation} nationwide), tier ${p.tierEn}; ${p.demand} local and ${p.nationalDemand} national case(s) need it; density ${p.density}. ${p.targetsEn ? `Attract: ${p.targetsEn}.` : 'No supplier anywhere to attract yet.'}`,
  }),
  'assess.say.cultivate': (p: { linkZh: string; linkEn: string; score: string; suppliers: number; namesZh: string; namesEn: string; demand: number }) => ({
    zh: `育链「${p.linkZh}」：得分${p.score}，档次薄弱，本地有${p.suppliers}家供给企业（${p.namesZh}），本地${p.demand}个案例需要该环节；建议培育壮大这些企业。`,
    en: `Cultivate "${p.linkEn}": score ${p.score}, tier weak, with ${p.suppliers} local supplier(s) (${p.namesEn}) and ${p.demand} local case(s) needing it; grow these firms.`,
  }),
  'assess.say.substitute': (p: { linkZh: string; linkEn: string; share: string; sourceZh: string; sourceEn: string; cut: string; namesZh: string; namesEn: string }) => ({
    zh: `国产替代「${p.linkZh}」：国内企业份额${p.share}（${p.sourceZh}），低于${p.cut}。${p.namesZh ? `可优先选用的国内供给企业：${p.namesZh}。` : ''}`,
    en: `Substitute "${p.linkEn}": domestic share ${p.share} (${p.sourceEn}), below ${p.cut}. ${p.namesEn ? `Domestic suppliers to prefer: ${p.namesEn}.` : ''}`.trim(),
  }),
  'assess.say.strengthen': (p: { linkZh: string; linkEn: string; tierZh: string; tierEn: string; score: string; suppliers: number; demand: number; rankZh: string; rankEn: string; namesZh: string; namesEn: string }) => ({
    zh: `强链「${p.linkZh}」：档次${p.tierZh}（得分${p.score}，${p.rankZh}），本地${p.suppliers}家供给企业，本地${p.demand}个案例需要该环节；建议依托${p.namesZh}做强做优。`,
    en: `Strengthen "${p.linkEn}": tier ${p.tierEn} (score ${p.score}, ${p.rankEn}), ${p.suppliers} local supplier(s) and ${p.demand} local case(s) needing it; build on ${p.namesEn}.`,
  }),
  'assess.say.extend': (p: { linkZh: string; linkEn: string; density: string; cut: string; nationalDemand: number; proximityZh: string; proximityEn: string; targetsZh: string; targetsEn: string }) => ({
    zh: `延链「${p.linkZh}」：本地尚无供给企业，但关联密度${p.density}不低于${p.cut}（${p.proximityZh}），全国${p.nationalDemand}个案例需要该环节。${p.targetsZh ? `可引进：${p.targetsZh}。` : ''}`,
    en: `Extend into "${p.linkEn}": no local supplier yet, but density ${p.density} is at least ${p.cut} (${p.proximityEn}) and ${p.nationalDemand} case(s) nationwide need it. ${p.targetsEn ? `Candidates: ${p.targetsEn}.` : ''}`.trim(),
  }),
  'assess.say.target': (p: {
    rank: number; leader: boolean; cases: number; ties: number; partnersZh: string; partnersEn: string; closeness: string; placeZh: string; placeEn: string; score: string;
  }) => ({
    zh: `第${p.rank}位（得分${p.score}）：${p.placeZh}${p.leader ? '，龙头企业' : ''}，该环节全国案例${p.cases}个，${p.ties > 0 ? `已与本地企业${p.partnersZh}共同交付${p.ties}个案例` : '尚未与本地企业共同交付案例'}，业务与本地关联度${p.closeness}`,
    en: `#${p.rank} (score ${p.score}): ${p.placeEn}${p.leader ? ', a leader' : ''}, ${p.cases} national case(s) on the link, ${p.ties > 0 ? `already delivered ${p.ties} case(s) with local ${p.partnersEn}` : 'no case delivered with local enterprises yet'}, closeness of its business to the region ${p.closeness}`,
  }),
  'assess.say.scenario': (p: { linkZh: string; linkEn: string; before: string; after: string; tierBeforeZh: string; tierAfterZh: string; tierBeforeEn: string; tierAfterEn: string; rankBeforeZh: string; rankAfterZh: string; rankBeforeEn: string; rankAfterEn: string }) => ({
    zh: `「${p.linkZh}」：得分 ${p.before} → ${p.after}，档次 ${p.tierBeforeZh} → ${p.tierAfterZh}，排名 ${p.rankBeforeZh} → ${p.rankAfterZh}`,
    en: `"${p.linkEn}": score ${p.before} → ${p.after}, tier ${p.tierBeforeEn} → ${p.tierAfterEn}, rank ${p.rankBeforeEn} → ${p.rankAfterEn}`,
  }),
  // (new assess messages go above this line)
  // ── classifying enterprise files (ingest/classify-file.ts, cli classify-enterprises) ──
  'classify_file.no_text_column': (p: { file: string; expected: readonly string[] }) => ({
    zh: `${p.file} 没有可分类的文本列；应有以下表头之一：${listZh(p.expected)}`,
    en: `${p.file} has no text column to classify; expected one of the headers: ${list(p.expected)}`,
  }),
  'classify_file.worker_failed': (p: { reason: string }) => ({
    zh: `分类线程出错：${p.reason}`,
    en: `a classification worker failed: ${p.reason}`,
  }),
  'classify_file.bad_output': (p: { file: string }) => ({
    zh: `无法识别输出文件类型「${p.file}」，请使用 .csv 或 .parquet`,
    en: `cannot tell the output format of "${p.file}"; use .csv or .parquet`,
  }),
  'classify_file.out_required': () => ({
    zh: '请用 --out 指定输出文件（.csv 或 .parquet）',
    en: 'give the output file with --out (.csv or .parquet)',
  }),
  // (new classify_file messages go above this line)

  // ── cli ─────────────────────────────────────────────────────
  'cli.not_found': (p: { kind: string; id: string }) => ({
    zh: `找不到${p.kind} ${p.id}`,
    en: `no ${p.kind} ${p.id}`,
  }),
  'cli.bad_option': (p: { option: string; reason: string }) => ({
    zh: `选项 ${p.option} 无效：${p.reason}`,
    en: `invalid option ${p.option}: ${p.reason}`,
  }),
  // (new cli messages go above this line)
} satisfies Record<string, (p: never) => Text>;

export type MessageCode = keyof typeof messages;
/** The parameters of a message; a message without parameters takes `{}`. Distributes over a union of codes. */
export type MessageParams<C extends MessageCode> = C extends MessageCode
  ? Parameters<(typeof messages)[C]> extends []
    ? Record<string, never>
    : Parameters<(typeof messages)[C]>[0]
  : never;
