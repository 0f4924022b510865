/**
 * `eval` and `train`: measuring the classifier on a label file, and training
 * its learned layer from label files (and optionally a dataset folder).
 *
 *   eval:  read labels → choose model → classify each text → evaluateLinks → tables | JSON
 *   train: read labels (+ dataset examples) → trainModel → model file
 *
 * A bad label file or model file ends the command with exit code 1 and every
 * issue listed on stderr; nothing is measured from a partly read label file.
 */
import { basename } from 'node:path';
import type { Framework, Issue, Lang } from '../model/index.js';
import { messages, pick } from '../model/index.js';
import { evaluateLinks, jiebaSegmenter, predictLabelled, trainModel, type EvaluationReport, type LabelledText, type CountedScores } from '../classify/index.js';
import { datasetExamples, loadClassifier, readLabelFile, writeModelFile } from '../ingest/index.js';
import type { Output } from './output.js';
import { table } from './output.js';

export interface EvalCommandOptions {
  /** A model file, or false (`--no-model`) for the lexicon alone; absent: the shipped model for the default framework. */
  model?: string | false;
}

export interface TrainCommandOptions {
  output: string;
  /** Dataset folders whose enterprises and cases are added as examples. */
  dataset?: string[];
}

/** Reads label files; on any issue prints them and returns undefined. */
async function readLabels(paths: readonly string[], framework: Framework, out: Output): Promise<LabelledText[] | undefined> {
  const all: LabelledText[] = [];
  const issues: Issue[] = [];
  for (const path of paths) {
    const result = await readLabelFile(path, framework);
    issues.push(...result.issues);
    if (result.value) all.push(...result.value);
  }
  if (issues.length === 0) return all;
  out.note(out.lang === 'zh' ? `标注文件有 ${issues.length} 个问题：` : `the label file(s) have ${issues.length} problem(s):`);
  out.issues(issues);
  return undefined;
}

const fixed = (v: number) => v.toFixed(3);

/** The start of a text in short lines, so that a table of Chinese texts fits a terminal. */
function excerpt(text: string, lines = 4, width = 24): string {
  const chars = [...text];
  const rows: string[] = [];
  for (let at = 0; at < chars.length && rows.length < lines; at += width) rows.push(chars.slice(at, at + width).join(''));
  return chars.length > lines * width ? `${rows.join('\n')}…` : rows.join('\n');
}

function scoreRow(label: string, s: CountedScores): (string | number)[] {
  return [label, s.support, s.predicted, s.tp, fixed(s.precision), fixed(s.recall), fixed(s.f1)];
}

export function renderEvaluation(report: EvaluationReport, framework: Framework, lang: Lang): string {
  const zh = lang === 'zh';
  const scoreHead = zh ? ['', '标注数', '预测数', '命中', '精确率', '召回率', 'F1'] : ['', 'support', 'predicted', 'tp', 'precision', 'recall', 'F1'];
  const linkName = (id: string) => `${pick(framework.links.find((l) => l.id === id)?.name, lang)}\n${id}`;
  const segmentName = (id: string) => `${pick(framework.segments.find((s) => s.id === id)?.name, lang)}\n${id}`;
  const parts: string[] = [];
  parts.push(table(scoreHead, [
    scoreRow(zh ? '环节 微平均' : 'link micro', report.micro),
    [zh ? `环节 宏平均（${report.macro.over} 个环节）` : `link macro (${report.macro.over} links)`, '', '', '', fixed(report.macro.precision), fixed(report.macro.recall), fixed(report.macro.f1)],
    scoreRow(zh ? '环节组 微平均' : 'segment micro', report.segment.micro),
    [zh ? `环节组 宏平均（${report.segment.macro.over} 组）` : `segment macro (${report.segment.macro.over})`, '', '', '', fixed(report.segment.macro.precision), fixed(report.segment.macro.recall), fixed(report.segment.macro.f1)],
  ]));
  parts.push(zh
    ? `非供给文本（无标注环节）：${report.none.total} 条，其中 ${report.none.correct} 条未被分配环节（${fixed(report.none.accuracy)}）`
    : `Texts labelled with no link: ${report.none.total}; given no link: ${report.none.correct} (${fixed(report.none.accuracy)})`);
  parts.push('', zh ? '■ 各环节组' : '■ Segments');
  parts.push(table(scoreHead, report.segment.segments.map((s) => scoreRow(segmentName(s.segment), s))));
  parts.push('', zh ? '■ 各环节（有标注或有预测的）' : '■ Links (with support or predictions)');
  parts.push(table(scoreHead, report.links.filter((l) => l.support > 0 || l.predicted > 0).map((l) => scoreRow(linkName(l.link), l))));
  if (report.worst.length > 0) {
    parts.push('', zh ? `■ 错误最多的 ${report.worst.length} 条` : `■ The ${report.worst.length} worst errors`);
    const evidence = (w: EvaluationReport['worst'][number]) =>
      Object.entries(w.evidence).map(([link, terms]) => `${link}: ${terms.join(zh ? '、' : ', ')}`).join('\n') || '—';
    parts.push(table(zh ? ['编号', '文本', '误报', '漏报', '依据'] : ['id', 'text', 'false positives', 'false negatives', 'evidence'],
      report.worst.map((w) => [w.id, excerpt(w.text), w.falsePositives.join('\n') || '—', w.falseNegatives.join('\n') || '—', evidence(w)])));
  }
  return parts.join('\n');
}

export async function runEval(framework: Framework, file: string, options: EvalCommandOptions, out: Output): Promise<number> {
  const labels = await readLabels([file], framework, out);
  if (!labels) return 1;
  const { classifier, modelFile } = loadClassifier(framework, options.model === undefined ? {} : { model: options.model });
  const report = evaluateLinks(framework, predictLabelled(classifier, labels));
  const model = modelFile ?? (out.lang === 'zh' ? '仅词典' : 'lexicon only');
  out.note(messages['classify.eval_summary']({ file: basename(file), texts: report.texts, model })[out.lang]);
  out.result({ file, model: modelFile ?? null, ...report }, () => renderEvaluation(report, framework, out.lang));
  return 0;
}

export async function runTrain(framework: Framework, files: readonly string[], options: TrainCommandOptions, out: Output): Promise<number> {
  const labels = await readLabels(files, framework, out);
  if (!labels) return 1;
  const examples = [...labels, ...(options.dataset ?? []).flatMap((dir) => datasetExamples(dir))];
  const sources = [...files, ...(options.dataset ?? [])].map((f) => basename(f));
  const model = trainModel(framework, examples, { files: sources, segmenter: jiebaSegmenter });
  writeModelFile(options.output, model);
  const summary = { file: options.output, examples: examples.length, links: Object.keys(model.links).length };
  out.result(summary, () => messages['classify.model_written'](summary)[out.lang]);
  return 0;
}
