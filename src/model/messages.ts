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

  // ── report ──────────────────────────────────────────────────
  // Sentences of the reports (src/report), built from the figures they are given (already formatted).
  'report.title': (p: { regionZh: string; regionEn: string; chainZh: string; chainEn: string }) => ({
    zh: `${p.regionZh}${p.chainZh}关键环节供给能力分析`,
    en: `${p.regionEn}: supply capability of the key links of the ${p.chainEn}`,
  }),
  'report.subtitle': (p: { outline: 'default' | 'chain-leader' }) => ({
    zh: p.outline === 'chain-leader' ? '产业链“四图五清单”' : '产业链分析与供给能力评估报告',
    en: p.outline === 'chain-leader' ? 'Chain-leader format: four maps and five lists' : 'Industry-chain analysis and supply-capability assessment',
  }),
  'report.meta': (p: { level: 'province' | 'city'; benchmarkZh: string; benchmarkEn: string; date: string; observations: number; cases: number; enterprises: number }) => ({
    zh: `评估层级：${p.level === 'city' ? '地级市' : '省级'}；专业化对标：${p.benchmarkZh}；数据：${p.enterprises}家本地供给企业、${p.cases}个案例、${p.observations}条来源观测值；生成日期：${p.date}`,
    en: `Level: ${p.level === 'city' ? 'city' : 'province'}; specialisation against ${p.benchmarkEn}; data: ${p.enterprises} local supplier(s), ${p.cases} case(s), ${p.observations} sourced observation(s); generated ${p.date}`,
  }),
  'report.say.data_basis': (p: { regionZh: string; regionEn: string; segments: number; links: number; nationSuppliers: number; cases: number; observations: number; sources: number }) => ({
    zh: `本报告按${p.segments}个环节组、${p.links}个环节的框架，依据全国${p.nationSuppliers}个“企业-环节”供给记录、与${p.regionZh}相关的${p.cases}个案例和${p.observations}条来源观测值（${p.sources}个来源）生成；文中每个数字均可追溯到附录中的数据与公式。`,
    en: `This report follows a framework of ${p.segments} segments and ${p.links} links and is generated from ${p.nationSuppliers} supplier-link records nationwide, ${p.cases} case(s) concerning ${p.regionEn} and ${p.observations} sourced observation(s) from ${p.sources} source(s); every figure can be traced to the data and formulas in the appendices.`,
  }),
  'report.say.segment_extremes': (p: {
    bestZh: string; bestEn: string; bestScore: string; bestTierZh: string; bestTierEn: string; bestRankZh: string; bestRankEn: string;
    worstZh: string; worstEn: string; worstScore: string; worstTierZh: string; worstTierEn: string; worstRankZh: string; worstRankEn: string;
  }) => ({
    zh: `各环节组中，「${p.bestZh}」得分最高（${p.bestScore}，${p.bestTierZh}${p.bestRankZh ? `，${p.bestRankZh}` : ''}），「${p.worstZh}」得分最低（${p.worstScore}，${p.worstTierZh}${p.worstRankZh ? `，${p.worstRankZh}` : ''}）。`,
    en: `Among the segments, "${p.bestEn}" scores highest (${p.bestScore}, ${p.bestTierEn}${p.bestRankEn ? `, ${p.bestRankEn}` : ''}) and "${p.worstEn}" lowest (${p.worstScore}, ${p.worstTierEn}${p.worstRankEn ? `, ${p.worstRankEn}` : ''}).`,
  }),
  'report.say.key_links': (p: { kind: 'strong' | 'broken' | 'short' | 'weak'; count: number; namesZh: string; namesEn: string }) => {
    const zh = { strong: '较强环节', broken: '断链（本地案例需要、本地无供给企业）', short: '短链（仅一家本地供给企业）', weak: '弱链（档次薄弱）' }[p.kind];
    const en = { strong: 'Strong links', broken: 'Broken links (needed by local cases, no local supplier)', short: 'Short links (a single local supplier)', weak: 'Weak links (tier weak)' }[p.kind];
    return { zh: `${zh}${p.count}个${p.count > 0 ? `：${p.namesZh}` : ''}。`, en: `${en}: ${p.count}${p.count > 0 ? ` — ${p.namesEn}` : ''}.` };
  },
  'report.say.key_substitute': (p: { count: number; itemsZh: string; itemsEn: string; cut: string }) => ({
    zh: `国产份额低于${p.cut}的环节${p.count}个${p.count > 0 ? `：${p.itemsZh}` : ''}。`,
    en: `Links with a domestic share below ${p.cut}: ${p.count}${p.count > 0 ? ` — ${p.itemsEn}` : ''}.`,
  }),
  'report.say.key_recommendations': (p: { fill: number; cultivate: number; substitute: number; strengthen: number; extend: number }) => ({
    zh: `建议共${p.fill + p.cultivate + p.substitute + p.strengthen + p.extend}项：补链${p.fill}项、育链${p.cultivate}项、国产替代${p.substitute}项、强链${p.strengthen}项、延链${p.extend}项。`,
    en: `${p.fill + p.cultivate + p.substitute + p.strengthen + p.extend} recommendation(s): fill ${p.fill}, cultivate ${p.cultivate}, substitute ${p.substitute}, strengthen ${p.strengthen}, extend ${p.extend}.`,
  }),
  'report.say.observation': (p: { labelZh: string; labelEn: string; qualifier: 'more_than' | 'about' | 'projection' | ''; value: string; unit: string; period: string }) => ({
    zh: `${p.labelZh}（${p.period}）${{ more_than: '超过', about: '约', projection: '预计达到', '': '为' }[p.qualifier]}${p.value}${p.unit}`,
    en: `${p.labelEn} (${p.period}): ${{ more_than: 'more than ', about: 'about ', projection: 'projected at ', '': '' }[p.qualifier]}${p.value} ${p.unit}`,
  }),
  'report.say.series': (p: { labelZh: string; labelEn: string; first: string; firstYear: number; last: string; lastYear: number; unit: string; cagr: string; years: number; projected: boolean }) => ({
    zh: `${p.labelZh}由${p.firstYear}年的${p.first}${p.unit}${p.projected ? '预计增至' : '增至'}${p.lastYear}年的${p.last}${p.unit}，按公式 (${p.last} / ${p.first})^(1/${p.years}) − 1 计算，${p.firstYear}—${p.lastYear}年年均复合增长率为${p.cagr}${p.projected ? '（含预测值）' : ''}。`,
    en: `${p.labelEn} went from ${p.first} ${p.unit} in ${p.firstYear} to ${p.last} ${p.unit}${p.projected ? ' (projected)' : ''} in ${p.lastYear}: computed as (${p.last} / ${p.first})^(1/${p.years}) − 1, the compound annual growth rate over ${p.firstYear}–${p.lastYear} is ${p.cagr}${p.projected ? ' (includes a projection)' : ''}.`,
  }),
  'report.say.series_no_cagr': (p: { labelZh: string; labelEn: string; first: string; firstYear: number; last: string; lastYear: number; unit: string }) => ({
    zh: `${p.labelZh}：${p.firstYear}年${p.first}${p.unit}，${p.lastYear}年${p.last}${p.unit}；起始值不为正，无法计算年均复合增长率。`,
    en: `${p.labelEn}: ${p.first} ${p.unit} in ${p.firstYear}, ${p.last} ${p.unit} in ${p.lastYear}; the first value is not positive, so no CAGR can be computed.`,
  }),
  'report.say.series_stated': (p: { stated: string; computed: string; differs: boolean; difference: string; source: string }) => ({
    zh: p.differs
      ? `来源（${p.source}）给出的年均复合增长率为${p.stated}，与按其数据计算的${p.computed}相差${p.difference}个百分点；两者并列列出，以计算值为准可复核。`
      : `来源（${p.source}）给出的年均复合增长率为${p.stated}，与计算值${p.computed}一致。`,
    en: p.differs
      ? `The source (${p.source}) states a CAGR of ${p.stated}; computed from its own figures it is ${p.computed}, a difference of ${p.difference} percentage points. Both are shown; the computed value can be checked.`
      : `The source (${p.source}) states a CAGR of ${p.stated}, which agrees with the computed ${p.computed}.`,
  }),
  'report.say.growth_step': (p: { fromYear: number; toYear: number; rate: string }) => ({
    zh: `${p.fromYear}—${p.toYear}年增长${p.rate}`,
    en: `${p.rate} growth ${p.fromYear}–${p.toYear}`,
  }),
  'report.say.series_annotation': (p: { cagr: string; firstYear: number; lastYear: number; stated: string }) => ({
    zh: `${p.firstYear}—${p.lastYear}年年均复合增长率（计算）${p.cagr}${p.stated ? `；来源给出${p.stated}` : ''}`,
    en: `CAGR ${p.firstYear}–${p.lastYear} (computed) ${p.cagr}${p.stated ? `; stated by the source ${p.stated}` : ''}`,
  }),
  'report.say.framework': (p: { segments: number; links: number; upstream: number; midstream: number; downstream: number; nameZh: string; nameEn: string }) => ({
    zh: `本报告采用“${p.nameZh}”：${p.segments}个环节组、${p.links}个环节，其中上游（基础软硬件支撑）${p.upstream}个、中游（解决方案集成）${p.midstream}个、下游（集成运营与服务）${p.downstream}个。图中每个环节按本地区的供给能力档次着色。`,
    en: `The report uses the "${p.nameEn}": ${p.segments} segments and ${p.links} links — ${p.upstream} upstream (basic hardware and software), ${p.midstream} midstream (solution integration) and ${p.downstream} downstream (integration, operation and services). Each link in the map is coloured by the region's tier.`,
  }),
  'report.say.heatmap': (p: { regions: number; links: number; regionZh: string; regionEn: string }) => ({
    zh: `全国${p.regions}个地区在${p.links}个环节上的供给能力得分（0—1），颜色越深得分越高；${p.regionZh}的名称以红色标出。`,
    en: `Capability scores (0–1) of ${p.regions} regions on ${p.links} links, darker for higher; ${p.regionEn} is named in red.`,
  }),
  'report.say.view': (p: { viewZh: string; viewEn: string; layers: number }) => ({
    zh: `习惯按“${p.viewZh}”阅读的读者可按下表把${p.layers}个层对应到本框架的环节。`,
    en: `Readers used to the "${p.viewEn}" can map its ${p.layers} layers onto the links of this framework with the table below.`,
  }),
  'report.say.segment': (p: {
    regionZh: string; regionEn: string; suppliers: number; nation: number; present: number; links: number; score: string; tierZh: string; tierEn: string;
    rankZh: string; rankEn: string; demand: number; nationalDemand: number; localSupply: string; leaders: number; nationLeaders: number;
  }) => ({
    zh: `${p.regionZh}在本环节组有本地供给企业${p.suppliers}家（全国${p.nation}家），其中龙头企业${p.leaders}家（全国${p.nationLeaders}家）；${p.links}个环节中${p.present}个有本地供给；得分${p.score}，档次${p.tierZh}${p.rankZh ? `，${p.rankZh}` : ''}。本地${p.demand}个案例需要本环节组（全国${p.nationalDemand}个），本地配套率${p.localSupply}。`,
    en: `${p.regionEn} has ${p.suppliers} local supplier(s) in this segment (${p.nation} nationwide), ${p.leaders} of them leaders (${p.nationLeaders} nationwide); ${p.present} of its ${p.links} links have local supply; score ${p.score}, tier ${p.tierEn}${p.rankEn ? `, ${p.rankEn}` : ''}. ${p.demand} local case(s) need the segment (${p.nationalDemand} nationwide); local supply rate ${p.localSupply}.`,
  }),
  'report.say.segment_local': (p: { count: number; namesZh: string; namesEn: string }) => ({
    zh: p.count > 0 ? `本地供给企业（按角色）：${p.namesZh}。` : '本环节组尚无本地供给企业。',
    en: p.count > 0 ? `Local suppliers (with roles): ${p.namesEn}.` : 'The segment has no local supplier yet.',
  }),
  'report.say.segment_leaders': (p: { count: number; namesZh: string; namesEn: string }) => ({
    zh: p.count > 0 ? `全国龙头企业（数据中已知）：${p.namesZh}。` : '数据中本环节组暂无龙头企业。',
    en: p.count > 0 ? `Leaders nationwide (known to the data): ${p.namesEn}.` : 'The data name no leader in this segment.',
  }),
  'report.say.segment_cases': (p: { count: number; titlesZh: string; titlesEn: string }) => ({
    zh: p.count > 0 ? `本地相关案例${p.count}个：${p.titlesZh}（拆解见附录）。` : '本环节组暂无本地案例。',
    en: p.count > 0 ? `${p.count} local case(s): ${p.titlesEn} (decomposition in the appendix).` : 'No local case in this segment yet.',
  }),
  'report.say.segment_indicators': (p: { count: number }) => ({
    zh: p.count > 0 ? `与本环节组相关的来源数据${p.count}条：` : '本环节组暂无来源观测数据。',
    en: p.count > 0 ? `${p.count} sourced figure(s) on this segment:` : 'No sourced figure on this segment yet.',
  }),
  'report.say.rank_bar': (p: { regionZh: string; regionEn: string; rankZh: string; rankEn: string }) => ({
    zh: `各地区本环节组得分，${p.regionZh}${p.rankZh ? `（${p.rankZh}）` : ''}以深色标出。`,
    en: `Segment score of every region; ${p.regionEn}${p.rankEn ? ` (${p.rankEn})` : ''} in the darker colour.`,
  }),
  'report.say.radar': (p: { regionZh: string; regionEn: string }) => ({
    zh: `${p.regionZh}各环节组得分与全国中位数、全国最高值对比。`,
    en: `Segment scores of ${p.regionEn} against the national median and the national best.`,
  }),
  'report.say.general': (p: { kind: 'fill' | 'cultivate' | 'substitute' | 'strengthen' | 'extend'; count: number; namesZh: string; namesEn: string }) => {
    const zh = {
      fill: `补链：${p.count}个环节本地缺失或薄弱而案例有需求（${p.namesZh}），建议按引进目标清单定向招商。`,
      cultivate: `育链：${p.count}个环节已有本地企业但档次薄弱（${p.namesZh}），建议培育壮大现有企业。`,
      substitute: `国产替代：${p.count}个环节国产份额偏低（${p.namesZh}），建议在项目中优先选用国内供给企业。`,
      strengthen: `强链：${p.count}个环节本地供给较好且有本地需求（${p.namesZh}），建议依托本地企业做强做优、扩大应用。`,
      extend: `延链：${p.count}个环节本地尚无企业但与已有优势关联紧密（${p.namesZh}），可作为延伸布局方向。`,
    }[p.kind];
    const en = {
      fill: `Fill: ${p.count} link(s) are missing or weak locally while cases need them (${p.namesEn}); attract the suppliers on the target lists.`,
      cultivate: `Cultivate: ${p.count} link(s) have local firms but a weak tier (${p.namesEn}); grow the existing firms.`,
      substitute: `Substitute: ${p.count} link(s) have a low domestic share (${p.namesEn}); prefer domestic suppliers in projects.`,
      strengthen: `Strengthen: ${p.count} link(s) have good local supply and local demand (${p.namesEn}); build on the local firms and widen their use.`,
      extend: `Extend: ${p.count} link(s) have no local firm yet but are closely related to existing strengths (${p.namesEn}); candidates for extending the chain.`,
    }[p.kind];
    return { zh, en };
  },
  'report.say.general_completeness': (p: { completeness: string; present: number; links: number; weakZh: string; weakEn: string }) => ({
    zh: `产业链完整度为${p.completeness}（${p.links}个环节中${p.present}个有本地供给企业）；完整度最低的环节组是「${p.weakZh}」，应作为补链的重点。`,
    en: `Chain completeness is ${p.completeness} (${p.present} of ${p.links} links have a local supplier); the least complete segment, "${p.weakEn}", is where filling matters most.`,
  }),
  'report.say.scatter': (p: { count: number; cut: string }) => ({
    zh: `本地尚无供给企业的${p.count}个环节：横轴为关联密度（从已有产业出发的可行性），纵轴为全国案例需求（吸引力）；竖线为关联阈值${p.cut}。`,
    en: `The ${p.count} link(s) without a local supplier: density (feasibility from what the region has) across, national case demand (attractiveness) up; the vertical line is the density cut ${p.cut}.`,
  }),
  'report.say.no_recommendations': () => ({ zh: '本环节组暂无建议。', en: 'No recommendation for this segment.' }),
  'report.say.case': (p: { customer: string; placeZh: string; placeEn: string; industryZh: string; industryEn: string; year: string; components: number; links: number; suppliers: number; source: string }) => ({
    zh: `客户：${p.customer || '—'}（${p.placeZh}）；渗透行业：${p.industryZh}；年份：${p.year}；方案拆解为${p.components}个构件，涉及${p.links}个环节、${p.suppliers}家供给方；来源：${p.source}。`,
    en: `Customer: ${p.customer || '—'} (${p.placeEn}); industry: ${p.industryEn}; year: ${p.year}; decomposed into ${p.components} component(s) on ${p.links} link(s) from ${p.suppliers} supplier(s); source: ${p.source}.`,
  }),
  'report.say.cases_shown': (p: { shown: number; total: number }) => ({
    zh: `共${p.total}个案例${p.shown < p.total ? `，此处列出前${p.shown}个，全部见工作簿“案例与构成”表` : ''}。`,
    en: `${p.total} case(s)${p.shown < p.total ? `; the first ${p.shown} are shown here, all of them in the workbook sheet "Cases and components"` : ''}.`,
  }),
  'report.say.sources': (p: { count: number }) => ({
    zh: `报告所用数据来自${p.count}个来源，各来源涉及的记录数如下；观测值的来源另见各处脚注。`,
    en: `The data come from ${p.count} source(s), with the records each one supports below; observations also cite theirs in the footnotes.`,
  }),
  'report.say.method_score': (p: { weightsZh: string; weightsEn: string }) => ({
    zh: `供给能力得分 = Σ wᵢnᵢ / Σ wᵢ（对有取值的输入求加权平均），权重：${p.weightsZh}。供给企业、龙头企业、参与交付案例按 ln(1+x)/ln(1+各地区最大值) 归一化，区位商按 rca/(1+rca)，本地配套率取原值。`,
    en: `Capability score = Σ wᵢnᵢ / Σ wᵢ over the inputs that have a value, weights: ${p.weightsEn}. Suppliers, leaders and cases delivered are normalised as ln(1+x)/ln(1+max over regions), RCA as rca/(1+rca), local supply is the rate itself.`,
  }),
  'report.say.method_tiers': (p: { adequate: string; strong: string }) => ({
    zh: `档次：无供给企业、无本地构件且无交付案例为“缺失”；得分低于${p.adequate}为“薄弱”，${p.adequate}至${p.strong}为“一般”，不低于${p.strong}为“较强”。`,
    en: `Tiers: "missing" with no supplier, no local component and no delivered case; "weak" below ${p.adequate}, "adequate" from ${p.adequate} to ${p.strong}, "strong" from ${p.strong}.`,
  }),
  'report.say.method_rca': () => ({
    zh: '区位商 rca(R,L) = (供给企业(R,L)/供给企业(R,*)) / (供给企业(B,L)/供给企业(B,*))，B为对标地区（含R）；比重 = 供给企业(R,L)/供给企业(B,L)；本地配套率 = 本地构件/(本地构件+外地构件)。',
    en: 'Location quotient rca(R,L) = (suppliers(R,L)/suppliers(R,*)) / (suppliers(B,L)/suppliers(B,*)), B the benchmark including R; share = suppliers(R,L)/suppliers(B,L); local supply = local components / (local + outside components).',
  }),
  'report.say.method_density': (p: { threshold: string; cutZh: string; cutEn: string }) => ({
    zh: `关联密度（产品空间法）：M(r,l)=1 当 rca ≥ ${p.threshold}；φ(l,k)=Σ_r M(r,l)M(r,k)/max(u(l),u(k))；d(R,L)=Σ_k M(R,k)φ(L,k)/Σ_k φ(L,k)。关联阈值：${p.cutZh}。`,
    en: `Density (product-space method): M(r,l)=1 when rca ≥ ${p.threshold}; φ(l,k)=Σ_r M(r,l)M(r,k)/max(u(l),u(k)); d(R,L)=Σ_k M(R,k)φ(L,k)/Σ_k φ(L,k). Density cut: ${p.cutEn}.`,
  }),
  'report.say.method_targets': (p: { leader: string; cases: string; ties: string; closeness: string }) => ({
    zh: `引进目标得分 = ${p.leader}×龙头 + ${p.cases}×ln(1+该环节全国案例)/ln(1+最大值) + ${p.ties}×ln(1+与本地企业共同交付案例)/ln(1+最大值) + ${p.closeness}×业务关联度。`,
    en: `Target score = ${p.leader}·leader + ${p.cases}·ln(1+national cases on the link)/ln(1+max) + ${p.ties}·ln(1+cases delivered with local firms)/ln(1+max) + ${p.closeness}·closeness.`,
  }),
  'report.say.method_cagr': () => ({
    zh: '增长率 = v(t₁)/v(t₀) − 1；年均复合增长率 = (v末/v初)^(1/年数) − 1。来源另行给出增长率时两者并列，若按来源精度不一致则注明差异。排名为标准竞争排名（并列共享名次，下一名次跳过）；来源给出的排名按原文列出，不重新计算。',
    en: 'Growth = v(t₁)/v(t₀) − 1; CAGR = (v_last/v_first)^(1/years) − 1. Where a source states a rate too, both are shown and a difference at the source\'s precision is noted. Ranks are standard competition ranks (ties share a rank, the next one skips); ranks stated by a source are shown as stated, not recomputed.',
  }),
  'report.say.footnote': (p: { source: string; note: string }) => ({
    zh: `来源：${p.source}${p.note ? `。说明：${p.note}` : ''}`,
    en: `Source: ${p.source}${p.note ? `. Note: ${p.note}` : ''}`,
  }),
  'report.say.cl_intro': (p: { regionZh: string; regionEn: string; present: number; links: number; enterprises: number; cases: number; clusters: number; problems: number; policies: number }) => ({
    zh: `按链长制“四图五清单”的格式梳理${p.regionZh}产业链：${p.links}个环节中${p.present}个有本地供给企业；企业清单${p.enterprises}家、项目清单${p.cases}个、集群${p.clusters}个、问题${p.problems}项、政策建议${p.policies}项。`,
    en: `${p.regionEn}'s chain in the chain-leader format (four maps, five lists): ${p.present} of ${p.links} links have a local supplier; ${p.enterprises} enterprise(s), ${p.cases} project(s), ${p.clusters} cluster(s), ${p.problems} problem(s) and ${p.policies} policy recommendation(s).`,
  }),
  'report.say.distribution': (p: { regionZh: string; regionEn: string; provinces: number; cities: number; located: number; unlocated: number }) => ({
    zh: `全国供给企业分布于${p.provinces}个省级地区；${p.regionZh}的本地供给企业分布于${p.cities}个城市（${p.located}家城市已知，${p.unlocated}家城市不明）。`,
    en: `Suppliers nationwide are spread over ${p.provinces} province-level regions; ${p.regionEn}'s local suppliers over ${p.cities} cities (${p.located} with a known city, ${p.unlocated} without).`,
  }),
  'report.say.application': (p: { cases: number; industries: number }) => ({
    zh: `${p.cases}个案例按渗透行业与所需环节分布，覆盖${p.industries}个行业。`,
    en: `${p.cases} case(s) by penetration industry and the links they need, in ${p.industries} industr(ies).`,
  }),
  'report.say.technology': () => ({
    zh: '各环节按产业链位置由上游（基础软硬件支撑）经中游（解决方案集成）到下游（集成运营与服务）排列，列出其关键技术，颜色为本地区档次。',
    en: 'Links by chain position, from upstream (basic hardware and software) through midstream (solution integration) to downstream (integration, operation and services), with their key technologies; colour is the region\'s tier.',
  }),
  'report.say.cluster_rule': (p: { min: number }) => ({
    zh: `集群：同一城市在同一环节组有不少于${p.min}家本地供给企业。`,
    en: `A cluster: a city with at least ${p.min} local suppliers in one segment.`,
  }),
  'report.say.problem': (p: { kind: 'broken' | 'short' | 'weak'; demand: number; suppliers: number; score: string; namesZh: string; namesEn: string; casesZh: string; casesEn: string }) => ({
    zh: {
      broken: `本地${p.demand}个案例需要该环节，本地无供给企业${p.casesZh ? `（${p.casesZh}）` : ''}`,
      short: `仅一家本地供给企业（${p.namesZh}），存在单点风险`,
      weak: `档次薄弱（得分${p.score}），本地供给企业${p.suppliers}家${p.namesZh ? `（${p.namesZh}）` : ''}`,
    }[p.kind],
    en: {
      broken: `${p.demand} local case(s) need the link and no local firm supplies it${p.casesEn ? ` (${p.casesEn})` : ''}`,
      short: `a single local supplier (${p.namesEn}): a single point of failure`,
      weak: `tier weak (score ${p.score}), ${p.suppliers} local supplier(s)${p.namesEn ? ` (${p.namesEn})` : ''}`,
    }[p.kind],
  }),
  // (new report messages go above this line)

  // ── server (HTTP API) ───────────────────────────────────────
  'server.invalid_request': (p: { count: number }) => ({
    zh: `请求无效：${p.count} 处问题`,
    en: `invalid request: ${p.count} problem(s)`,
  }),
  'server.invalid_field': (p: { expected: string }) => ({
    zh: `取值无效，应为：${p.expected}`,
    en: `invalid value, expected: ${p.expected}`,
  }),
  'server.missing_field': () => ({
    zh: '缺少必填项',
    en: 'required',
  }),
  'server.malformed_json': (p: { reason: string }) => ({
    zh: `请求体不是有效的 JSON：${p.reason}`,
    en: `the request body is not valid JSON: ${p.reason}`,
  }),
  'server.unsupported_media_type': (p: { type: string; expected?: string }) => ({
    zh: `不支持的内容类型「${p.type}」，请使用 ${p.expected ?? 'application/json'}`,
    en: `unsupported content type "${p.type}": send ${p.expected ?? 'application/json'}`,
  }),
  'server.body_too_large': (p: { limit: number }) => ({
    zh: `请求体超过上限 ${p.limit} 字节`,
    en: `the request body is over the limit of ${p.limit} bytes`,
  }),
  'server.not_found': (p: { kind: string; id: string }) => ({
    zh: `找不到${({ enterprise: '企业', case: '案例', component: '构成', upload: '上传', user: '用户' } as Record<string, string>)[p.kind] ?? p.kind} ${p.id}`,
    en: `no ${p.kind} ${p.id}`,
  }),
  'server.route_not_found': (p: { method: string; url: string }) => ({
    zh: `没有接口 ${p.method} ${p.url}`,
    en: `no route ${p.method} ${p.url}`,
  }),
  'server.internal': () => ({
    zh: '服务器内部错误',
    en: 'internal server error',
  }),
  'server.version_conflict': (p: { current: number; given: number }) => ({
    zh: `案例已被他人修改（当前版本 ${p.current}，提交的版本 ${p.given}），请刷新后再改`,
    en: `the case was changed meanwhile (version ${p.current} now, the edit was made on ${p.given}); reload and edit again`,
  }),
  'server.upload_missing': () => ({
    zh: '请求中没有文件：请以 multipart/form-data 的 file 字段上传',
    en: 'no file in the request: upload it as the file field of multipart/form-data',
  }),
  'server.upload_too_large': (p: { limit: number }) => ({
    zh: `上传文件超过上限 ${p.limit} 字节`,
    en: `the uploaded file is over the limit of ${p.limit} bytes`,
  }),
  'server.lone_surrogate': () => ({
    zh: '文本含有不成对的 UTF-16 代理字符，不是有效的 Unicode',
    en: 'the text holds an unpaired UTF-16 surrogate: not valid Unicode',
  }),
  'import.has_problems': (p: { problems: number }) => ({
    zh: `上传的文件有 ${p.problems} 个问题：请修正后重新上传，或选择只导入有效行（partial）`,
    en: `the upload has ${p.problems} problem(s): fix and upload again, or commit the valid rows only (partial)`,
  }),
  'import.already_committed': (p: { id: string }) => ({
    zh: `上传 ${p.id} 已经导入`,
    en: `upload ${p.id} is already committed`,
  }),
  'import.not_committed': (p: { problems: number }) => ({
    zh: `导入时发现 ${p.problems} 个问题（数据库在校验后有变化），未导入任何数据`,
    en: `${p.problems} problem(s) found while committing (the database changed since the check); nothing was imported`,
  }),
  'import.no_rejects': (p: { id: string }) => ({
    zh: `上传 ${p.id} 没有被拒绝的行`,
    en: `upload ${p.id} has no rejected rows`,
  }),
  'review.component_exists': (p: { link: string }) => ({
    zh: `该案例在环节 ${p.link} 上已有同一供给方的构成`,
    en: `the case already has this supplier's component on link ${p.link}`,
  }),
  // (new server messages go above this line)

  // ── auth (users, sessions) ──────────────────────────────────
  'auth.required': () => ({ zh: '请先登录', en: 'sign in first' }),
  'auth.invalid_credentials': () => ({ zh: '用户名或密码错误', en: 'wrong username or password' }),
  'auth.forbidden': (p: { role: string }) => ({
    zh: `权限不足：需要 ${p.role} 角色`,
    en: `not allowed: needs the ${p.role} role`,
  }),
  'auth.csrf': () => ({
    zh: '缺少或错误的 x-csrf-token 请求头（修改数据的请求必须带上登录时返回的 csrfToken）',
    en: 'missing or wrong x-csrf-token header (a request that changes data must send the csrfToken given at sign-in)',
  }),
  'auth.too_many_attempts': (p: { seconds: number }) => ({
    zh: `登录失败次数过多，请 ${p.seconds} 秒后再试`,
    en: `too many failed sign-ins; try again in ${p.seconds} s`,
  }),
  'auth.user_exists': (p: { username: string }) => ({ zh: `用户 ${p.username} 已存在`, en: `user ${p.username} already exists` }),
  'auth.unknown_user': (p: { username: string }) => ({ zh: `没有用户 ${p.username}`, en: `no user ${p.username}` }),
  'auth.last_admin': (p: { username: string }) => ({
    zh: `${p.username} 是最后一个可用的管理员，不能停用或降级`,
    en: `${p.username} is the last enabled admin: it cannot be disabled or given another role`,
  }),
  'auth.bad_username': (p: { username: string }) => ({
    zh: `用户名「${p.username}」无效：2–64 个字符，只能用字母、数字和 . _ -，以字母或数字开头`,
    en: `invalid username "${p.username}": 2–64 letters, digits or . _ -, starting with a letter or digit`,
  }),
  'auth.weak_password': (p: { min: number }) => ({
    zh: `密码至少需要 ${p.min} 个字符`,
    en: `the password needs at least ${p.min} characters`,
  }),
  'auth.password_mismatch': () => ({ zh: '两次输入的密码不一致', en: 'the passwords do not match' }),
  'auth.password_needs_terminal': () => ({
    zh: '不在终端中运行：请用 --password-stdin 从标准输入提供密码',
    en: 'not on a terminal: give the password on standard input with --password-stdin',
  }),
  'auth.no_auth_not_loopback': (p: { host: string }) => ({
    zh: `--no-auth 只能在本机地址上使用（127.0.0.1、::1 或 localhost），不能用于 ${p.host}：否则网络上的任何人都能以管理员身份修改数据`,
    en: `--no-auth works on a loopback address only (127.0.0.1, ::1 or localhost), not ${p.host}: anyone on the network could change data as an admin`,
  }),
  'auth.no_users': (p: { db: string }) => ({
    zh: `数据库中还没有用户。先创建第一个管理员：chainatlas --db ${p.db} users add <用户名> --role admin；或仅供本机单人使用：chainatlas serve --no-auth`,
    en: `the database has no users yet. Create the first admin: chainatlas --db ${p.db} users add <username> --role admin; or, for one local user only: chainatlas serve --no-auth`,
  }),
  // (new auth messages go above this line)

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
