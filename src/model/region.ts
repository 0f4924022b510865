/** An administrative region: the nation, a province-level division or a prefecture-level city. */
import type { Text } from './text.js';
import type { NbsGroup, RegionLevel } from './vocab.js';

/** The code of the nation as a whole; provinces and cities use 6-digit GB/T 2260 codes. */
export const NATION_CODE = 'CN';

export interface Region {
  /** `CN`, or the 6-digit GB/T 2260 code (`360000` Jiangxi, `360100` Nanchang). */
  readonly code: string;
  readonly level: RegionLevel;
  /** Full names: 江西省 / Jiangxi Province. */
  readonly name: Text;
  /** Short names: 江西 / Jiangxi. */
  readonly short: Text;
  /** Province code for a city, `CN` for a province, absent for the nation. */
  readonly parent?: string;
  /** NBS economic region of a province (and of its cities); absent for Hong Kong, Macao and Taiwan. */
  readonly group?: NbsGroup;
}
