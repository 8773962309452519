/**
 * The stream of one wallet (WAL-1). The application opens a cabinet's wallet
 * under the cabinet number, so a transfer (WAL-4) finds it without a look-up.
 */
export const walletStreamId = (walletId: string): string => `wallet-${walletId}`
