/**
 * Decomposing cases and reviewing what the classifier decided: `decompose`,
 * `review queue|accept|reject|add|suppliers|match` and `enterprises merge`.
 * Every decision is recorded with who made it (`--by`, else CHAINATLAS_USER,
 * else the login name) and when.
 */
import { userInfo } from 'node:os';
import type { Framework, Lang } from '../model/index.js';
import { AppError } from '../model/index.js';
import type { Classifier } from '../classify/index.js';
import { decomposeStoredCases, type DecomposeReport, type MentionFinderFactory } from '../ingest/index.js';
import {
  decide, decideSupplierMatch, getCase, getEnterprise, listSupplierMatches, mergeEnterprises, reviewQueue, type Database, type DecisionAction,
  type DecisionTarget,
} from '../store/index.js';
import type { Output } from './output.js';
import { table } from './output.js';
import { linkId } from './read-commands.js';

export const USER_ENV = 'CHAINATLAS_USER';

/** Who is deciding. */
export function decider(by: string | undefined): string {
  if (by) return by;
  if (process.env[USER_ENV]) return process.env[USER_ENV] as string;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

const percent = (value: number) => `${(value * 100).toFixed(0)}%`;

function renderDecomposition(report: DecomposeReport, lang: Lang): string {
  const zh = lang === 'zh';
  const rows = report.cases.flatMap((c) =>
    c.decomposition.components.map((k) => [
      c.caseId, k.link, k.supplierId ?? (k.supplierName ? `${k.supplierName} ?` : '—'), k.status, k.confidence.toFixed(2), k.evidence.slice(0, 80),
    ]));
  const parts = [table(zh ? ['案例', '环节', '供给方', '状态', '置信度', '依据'] : ['case', 'link', 'supplier', 'status', 'confidence', 'evidence'], rows)];
  const compared = report.cases.filter((c) => c.comparison);
  if (compared.length > 0) {
    parts.push(zh ? '\n与人工拆解对比（召回率 / 精确率）：' : '\nAgainst the manual decomposition (recall / precision):');
    parts.push(table(zh ? ['案例', '人工环节', '召回率', '精确率'] : ['case', 'manual links', 'recall', 'precision'],
      compared.map((c) => [c.caseId, c.comparison?.manual.join(' ') ?? '', percent(c.comparison?.recall ?? 0), percent(c.comparison?.precision ?? 0)])));
  }
  const unmatched = [...new Set(report.cases.flatMap((c) => c.unmatched))];
  if (unmatched.length > 0) parts.push((zh ? '\n未匹配到企业库的名称：' : '\nNames that match no enterprise: ') + unmatched.join(zh ? '、' : ', '));
  const summary = report.comparison;
  parts.push(zh
    ? `\n写入 ${report.written} 个自动拆解构成，${report.keptDecided} 个环节保留人工决定。` +
      (summary ? `与人工拆解相比：${summary.cases} 个案例，召回率 ${percent(summary.recall)}，精确率 ${percent(summary.precision)}。` : '')
    : `\nWrote ${report.written} classified components; kept ${report.keptDecided} links as people decided them.` +
      (summary ? ` Against the manual decomposition: ${summary.cases} cases, recall ${percent(summary.recall)}, precision ${percent(summary.precision)}.` : ''));
  return parts.join('\n');
}

export async function runDecompose(
  db: Database, classifier: Classifier, mentionFinder: MentionFinderFactory, options: { case?: string[]; all?: boolean }, out: Output,
): Promise<number> {
  if (!options.all && !(options.case && options.case.length > 0)) {
    throw new AppError('cli.bad_option', { option: '--case/--all', reason: 'name a case with --case ID, or --all' });
  }
  const caseIds = options.all ? undefined : options.case;
  for (const id of caseIds ?? []) if (!(await getCase(db, id))) throw new AppError('cli.not_found', { kind: out.lang === 'zh' ? '案例' : 'case', id });
  const report = await decomposeStoredCases(db, classifier, mentionFinder, caseIds ? { caseIds } : {});
  out.result(report, () => renderDecomposition(report, out.lang));
  return 0;
}

export async function runReviewQueue(db: Database, options: { kind?: string; limit?: string }, out: Output): Promise<void> {
  if (options.kind !== undefined && options.kind !== 'offering' && options.kind !== 'component') {
    throw new AppError('cli.bad_option', { option: '--kind', reason: 'offering | component' });
  }
  const items = await reviewQueue(db, { ...(options.kind ? { kind: options.kind } : {}), ...(options.limit ? { limit: Number(options.limit) } : {}) });
  const zh = out.lang === 'zh';
  out.result(items, () => items.length === 0
    ? (zh ? '没有待复核的分配。' : 'Nothing waits for review.')
    : table(zh ? ['类型', '对象', '环节', '供给方', '置信度', '备选', '地区现有', '影响', '依据'] : ['kind', 'subject', 'link', 'supplier', 'confidence', 'alternatives', 'in region now', 'consequence', 'evidence'],
      items.map((i) => [i.kind, i.subject, i.link, i.supplierId ?? i.supplierName ?? '—', i.confidence.toFixed(2), i.alternatives.join(' ') || '—',
        `${i.region ?? '—'}: ${i.regionCount}`, i.consequence.toFixed(2), (i.evidence ?? '').slice(0, 60)])));
}

export interface DecisionOptions {
  case?: string;
  enterprise?: string;
  link: string;
  supplier?: string;
  by?: string;
  note?: string;
}

/** `review accept|reject|add`: the target from --case/--enterprise, --link and (for components) --supplier. */
export async function runDecision(db: Database, framework: Framework, action: Exclude<DecisionAction, 'note'>, options: DecisionOptions, out: Output): Promise<number> {
  const link = linkId(framework, options.link) as string;
  if (Boolean(options.case) === Boolean(options.enterprise)) {
    throw new AppError('cli.bad_option', { option: '--case/--enterprise', reason: 'give exactly one of --case ID or --enterprise ID' });
  }
  let target: DecisionTarget;
  if (options.enterprise) {
    const found = await getEnterprise(db, options.enterprise);
    if (!found) throw new AppError('cli.not_found', { kind: out.lang === 'zh' ? '企业' : 'enterprise', id: options.enterprise });
    target = { kind: 'offering', enterpriseId: found.enterprise.id, link };
  } else {
    const caseId = options.case as string;
    if (!(await getCase(db, caseId))) throw new AppError('cli.not_found', { kind: out.lang === 'zh' ? '案例' : 'case', id: caseId });
    const supplier = options.supplier ? await getEnterprise(db, options.supplier) : undefined;
    target = {
      kind: 'component', caseId, link,
      ...(supplier ? { supplierId: supplier.enterprise.id } : options.supplier ? { supplierName: options.supplier } : {}),
    };
  }
  const result = await decide(db, target, action, decider(options.by), options.note);
  if (result.changed === 0) throw new AppError('review.nothing_to_decide', { link });
  out.result({ action, target, changed: result.changed }, () => out.lang === 'zh'
    ? `已记录：${{ accept: '接受', reject: '否决', add: '新增' }[action]} ${link}（${result.changed} 条）`
    : `Recorded: ${action} ${link} (${result.changed} record${result.changed === 1 ? '' : 's'})`);
  return 0;
}

export async function runSupplierQueue(db: Database, options: { all?: boolean }, out: Output): Promise<void> {
  const matches = await listSupplierMatches(db, options.all ? ['matched', 'potential', 'unmatched', 'confirmed', 'rejected'] : ['potential', 'unmatched']);
  const zh = out.lang === 'zh';
  out.result(matches, () => matches.length === 0
    ? (zh ? '没有待确认的供给方匹配。' : 'No supplier matches wait for review.')
    : table(zh ? ['案例', '名称', '状态', '最佳候选', '得分', '其他候选'] : ['case', 'mention', 'status', 'best', 'score', 'other candidates'],
      matches.map((m) => [m.caseId, m.mention, m.status, m.candidateId ?? '—', m.score.toFixed(2),
        m.candidates.filter((c) => c.id !== m.candidateId).map((c) => `${c.id} ${c.score.toFixed(2)}`).join(', ') || '—'])));
}

export async function runSupplierDecision(db: Database, options: { case: string; mention: string; enterprise?: string; reject?: boolean; by?: string }, out: Output): Promise<number> {
  if (Boolean(options.enterprise) === Boolean(options.reject)) {
    throw new AppError('cli.bad_option', { option: '--enterprise/--reject', reason: 'give --enterprise ID to confirm, or --reject' });
  }
  let enterpriseId: string | undefined;
  if (options.enterprise) {
    const found = await getEnterprise(db, options.enterprise);
    if (!found) throw new AppError('cli.not_found', { kind: out.lang === 'zh' ? '企业' : 'enterprise', id: options.enterprise });
    enterpriseId = found.enterprise.id;
  }
  const result = await decideSupplierMatch(db, options.case, options.mention, enterpriseId, decider(options.by));
  if (result.changed === 0) throw new AppError('review.no_match', { caseId: options.case, mention: options.mention });
  out.result({ case: options.case, mention: options.mention, enterprise: enterpriseId ?? null }, () => out.lang === 'zh'
    ? `已记录：${options.mention} ${enterpriseId ? `→ ${enterpriseId}` : '不是企业库中的企业'}`
    : `Recorded: ${options.mention} ${enterpriseId ? `→ ${enterpriseId}` : 'is not a known enterprise'}`);
  return 0;
}

export async function runMerge(db: Database, mergedId: string, intoId: string, options: { by?: string }, out: Output): Promise<number> {
  for (const id of [mergedId, intoId]) {
    if (!(await getEnterprise(db, id))) throw new AppError('cli.not_found', { kind: out.lang === 'zh' ? '企业' : 'enterprise', id });
  }
  if (mergedId === intoId) throw new AppError('cli.bad_option', { option: 'merge', reason: 'an enterprise cannot be merged into itself' });
  await mergeEnterprises(db, mergedId, intoId, decider(options.by));
  const kept = await getEnterprise(db, intoId);
  out.result({ merged: mergedId, into: intoId, enterprise: kept?.enterprise }, () => out.lang === 'zh'
    ? `已将 ${mergedId} 并入 ${intoId}（${kept?.enterprise.nameZh ?? kept?.enterprise.nameEn ?? intoId}）；原编号保留为别名。`
    : `Merged ${mergedId} into ${intoId} (${kept?.enterprise.nameEn ?? kept?.enterprise.nameZh ?? intoId}); the old id stays as an alias.`);
  return 0;
}

