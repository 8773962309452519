import type { Context } from 'hono'

/**
 * The address a request came from, for the per-client sign-in throttle.
 *
 * By default the connection's peer address (`getConnInfo` of
 * `@hono/node-server`, handed in by `imtahan serve`); `X-Forwarded-For` is
 * ignored, because anyone can send it. Behind a reverse proxy every request
 * would come from the proxy, so the operator names the proxies
 * (`--trust-proxy <address>`): when the peer is one of them, the client is
 * the right-most `X-Forwarded-For` entry that is not itself a trusted proxy.
 */
export type ClientAddressOptions = {
  /** The peer address of the connection; `undefined` when unknown (e.g. `app.request` in tests). */
  readonly peerAddress?: (c: Context) => string | undefined
  /** Proxies whose `X-Forwarded-For` is believed; none by default. */
  readonly trustedProxies?: readonly string[]
}

/** Maps `::ffff:10.0.0.1` to `10.0.0.1`, so a proxy is recognised either way. */
const plain = (address: string): string => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')

export const clientAddressOf =
  (options: ClientAddressOptions = {}) =>
  (c: Context): string => {
    const peer = options.peerAddress?.(c)
    const trusted = new Set((options.trustedProxies ?? []).map(plain))
    if (peer === undefined) return 'unknown'
    if (!trusted.has(plain(peer))) return plain(peer)
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map(plain)
      .filter((hop) => hop !== '')
    for (let i = forwarded.length - 1; i >= 0; i--) {
      const hop = forwarded[i] as string
      if (!trusted.has(hop)) return hop.slice(0, 64)
    }
    return plain(peer)
  }
