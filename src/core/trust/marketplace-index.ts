// The index schema, its signature and its validation live in the SDK, which also writes indexes
// (`gatehouse-plugin index`); the host reads them with the very same code.
export { signMarketplaceIndex, validateMarketplaceIndex, type MarketplaceEntry } from '@gatehouse/plugin-sdk/node';
