import { describe, expect, it } from 'vitest'
import { ContactsInput } from '../../../src/application/cabinet/input.js'
import { anonymous, devPerson, makeApp, ok, refusal, registration, typed } from './support.js'

const SHARED = '+994557000777'
const OTHER = '+994557000778'
const SECOND = 1000
const DAY = 24 * 3600 * SECOND

describe('security: codes per phone number across cabinets', () => {
  it('SMS code guessing: at most 5 codes a day to one number, across cabinets', async () => {
    const t = makeApp()
    const { app, sms, clock } = t
    const start = async (n: number) =>
      ok(
        await app.cabinets.startRegistration(
          typed(registration, { document: devPerson(n).document, fin: devPerson(n).fin }),
          anonymous,
        ),
      ).cabinetId
    const contacts = (cabinetId: string, phone: string) =>
      app.cabinets.setContacts(cabinetId, typed(ContactsInput, { phone }), anonymous)
    const sentTo = (phone: string) => sms.sent.filter((message) => message.phone === phone).length

    // Three registrations name one number; none reaches its own cap of 5.
    const [a, b, c] = [await start(701), await start(702), await start(703)]
    ok(await contacts(a, SHARED))
    clock.advance(61 * SECOND)
    ok(await app.cabinets.resendPhoneCode(a, anonymous))
    ok(await contacts(b, SHARED))
    clock.advance(61 * SECOND)
    ok(await app.cabinets.resendPhoneCode(b, anonymous))
    ok(await contacts(c, SHARED))
    expect(sentTo(SHARED)).toBe(5)

    // The sixth code to the number is refused for any cabinet, and nothing is sent or recorded.
    clock.advance(600 * SECOND)
    expect(refusal(await app.cabinets.resendPhoneCode(c, anonymous))).toBe('otp.daily_limit_reached')
    expect(refusal(await app.cabinets.resendPhoneCode(a, anonymous))).toBe('otp.daily_limit_reached')
    const d = await start(704)
    const refused = await contacts(d, SHARED)
    expect(refusal(refused)).toBe('otp.daily_limit_reached')
    if (refused._tag === 'Left') expect(Date.parse(String(refused.left.details?.retryAt))).toBeGreaterThan(0)
    expect(sentTo(SHARED)).toBe(5)
    expect(ok(await app.cabinets.overview(d, { caller: { kind: 'cabinet', cabinetId: d } })).phone).toEqual(
      {},
    )

    // Another number still works.
    ok(await contacts(d, OTHER))
    expect(sentTo(OTHER)).toBe(1)

    // A day after the fifth code, the number is sent codes again.
    clock.advance(DAY)
    ok(await app.cabinets.resendPhoneCode(c, anonymous))
    expect(sentTo(SHARED)).toBe(6)
  })
})
