/** The stream of one transfer between wallets (WAL-4, WAL-5), named by its transfer id. */
export const transferStreamId = (transferId: string): string => `transfer-${transferId}`
