/** Where a stream stands: `'no_stream'` before its first event, else its last revision. */
export type StreamRevision = bigint | 'no_stream'
