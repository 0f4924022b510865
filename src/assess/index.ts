/** Supply-capability measures. Pure: plain data in, plain data out. */
export { measureSupplyOverview } from './supply-overview.js';
export type { SupplyOverview, SegmentSupply, LinkSupply, SupplierOnLink, CaseOnLink } from './supply-overview.js';
