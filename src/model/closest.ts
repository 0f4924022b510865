/**
 * "Did you mean": the candidates nearest to what was typed, by edit distance,
 * with prefix and substring matches first. Used by every resolver that rejects
 * unknown input (regions, link ids, enterprise references).
 */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Up to `limit` candidates close to `input` (compared lower-cased): prefix or
 * substring matches first, then those within a third of the input's length in
 * edit distance. Each candidate may carry several spellings; `label` is shown.
 */
export function closestMatches(
  input: string,
  candidates: Iterable<{ label: string; spellings: readonly string[] }>,
  limit = 5,
): string[] {
  const needle = input.trim().toLowerCase();
  if (!needle) return [];
  const scored: { label: string; score: number }[] = [];
  for (const candidate of candidates) {
    let best = Number.POSITIVE_INFINITY;
    for (const spelling of candidate.spellings) {
      const s = spelling.toLowerCase();
      const score = s.startsWith(needle) || needle.startsWith(s) ? 0 : s.includes(needle) || needle.includes(s) ? 0.5 : editDistance(needle, s);
      best = Math.min(best, score);
    }
    if (best <= Math.max(1, Math.ceil(needle.length / 3))) scored.push({ label: candidate.label, score: best });
  }
  const seen = new Set<string>();
  return scored
    .sort((a, b) => a.score - b.score || a.label.localeCompare(b.label))
    .filter((s) => (seen.has(s.label) ? false : (seen.add(s.label), true)))
    .slice(0, limit)
    .map((s) => s.label);
}
