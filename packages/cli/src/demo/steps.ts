import type { Call, DevSmsSender, Imtahan, TestClock } from '@imtahan/adapters'
import type { DomainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'

/** What the demo drives: the real facade over the chosen store, with a clock it moves itself. */
export type DemoPorts = { readonly app: Imtahan; readonly clock: TestClock; readonly sms: DevSmsSender }

export const anonymous: Call = { caller: { kind: 'anonymous' } }
export const provider: Call = { caller: { kind: 'payment_provider' } }
export const board: Call = { caller: { kind: 'board' } }
export const staff: Call = { caller: { kind: 'staff' } }
export const asCabinet = (cabinetId: string): Call => ({ caller: { kind: 'cabinet', cabinetId } })

/** A refusal the demo did not plan for is a bug in the demo or the product: stop and say which step. */
export class DemoStepFailed extends Error {
  override name = 'DemoStepFailed'
  constructor(
    readonly step: string,
    readonly refusal: DomainError,
  ) {
    super(`${step}: ${refusal.code}: ${refusal.message}`)
  }
}

export const must = <A>(step: string, result: E.Either<DomainError, A>): A => {
  if (E.isLeft(result)) throw new DemoStepFailed(step, result.left)
  return result.right
}

/** Runs `act` over `items`, `width` at a time: enough to use a store's group commit, in a bounded way. */
export const inParallel = async <T, R>(
  items: readonly T[],
  width: number,
  act: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const results = new Array<R>(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await act(items[i]!, i)
    }),
  )
  return results
}

export const minutes = (base: Date, count: number): Date => new Date(base.getTime() + count * 60_000)

/** The 6-digit code the dev SMS sender last delivered to `phone`. */
export const codeSentTo = (sms: DevSmsSender, phone: string): string => {
  const code = /\b(\d{6})\b/.exec(sms.lastMessageTo(phone) ?? '')?.[1]
  if (code === undefined) throw new Error(`no confirmation code was sent to ${phone}`)
  return code
}
