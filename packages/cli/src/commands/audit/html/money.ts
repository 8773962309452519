import type { CheckReport } from '@imtahan/adapters'
import { type Html, html } from './escape.js'

const ROWS: readonly (readonly [string, string])[] = [
  ['paymentsReceived', 'payments received (count)'],
  ['paymentsReceivedAmount', 'payments received'],
  ['paymentsCredited', 'credited to accounts'],
  ['paymentsUnclaimed', 'not yet credited (unclaimed)'],
  ['feesCharged', 'service fees charged'],
  ['balancesTotal', 'all balances'],
  ['transfersInFlight', 'transfers in flight'],
  ['topUpsInFlight', 'top-ups in flight'],
]

const HELD = 'held (balances + in flight)'
const OWED = 'owed (credited − fees)'

/** WAL-6 as a reconciliation: what the accounts hold against what the payments and fees say they should. */
export const moneySection = (money: CheckReport | undefined): Html => {
  if (money === undefined)
    return html`<section id="money"><h2>Money</h2><p>The money check did not run.</p></section>`
  const value = (key: string) => String(money.totals[key] ?? '—')
  const balanced = value(HELD) === value(OWED)
  return html`<section id="money"><h2>Money reconciliation (WAL-6, PAY-4, WAL-5)</h2>
<table class="money"><tbody>
${ROWS.map(([key, label]) => html`<tr><th scope="row">${label}</th><td class="num">${value(key)}</td></tr>`)}
<tr class="total"><th scope="row">held: balances + in flight</th><td class="num">${value(HELD)}</td></tr>
<tr class="total"><th scope="row">owed: credited − fees</th><td class="num">${value(OWED)}</td></tr>
</tbody></table>
<p class="${balanced ? 'ok' : 'bad'}">${balanced ? 'Held equals owed: nothing created, nothing lost.' : 'Held differs from owed: see the money findings.'} Amounts in AZN.</p>
</section>`
}
