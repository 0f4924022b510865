/** Regions: the table of the nation, provinces and prefecture-level cities, and resolving what people type to one of them. */
export type { RegionTable } from './region-table.js';
export {
  regionTable, regionByCode, provinces, citiesOf, provincesInGroup, isCityLikeProvince, regionLabel, shortCityNameZh,
} from './region-table.js';
export type { ProvinceKind } from './region-data.js';
export type { RegionLevelOption, ResolveRegionOptions } from './resolve-region.js';
export { resolveRegion } from './resolve-region.js';
export { normalizeRegionKey } from './region-keys.js';
