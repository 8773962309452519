import { buildForm } from '../../../domain/test/exam/form-fixtures.js'
import { DEV_API_KEYS } from '../../src/serve/options.js'
import { call, must, signIn } from './http.js'
import type { Member } from './load.js'

/**
 * A sitting for the cluster load, set up over HTTP with the dev keys and the
 * dev clock (shared by every process through the database): the board
 * defines it two days ahead, the members register and pay the fee, the clock
 * moves to admission, seating and five minutes into the exam, and staff
 * admit and seat each member on whichever process the round-robin gives.
 */
export const EXAM = 'cluster-2026'
const BB = buildForm('BB', 'cl')
/** Closed tasks only: any of A–D is a valid answer to each. */
export const CLOSED_TASKS = BB.form.tasks.filter((task) => task.type === 'closed').map((task) => task.id)

const board = { 'x-api-key': DEV_API_KEYS.board }
const staff = { 'x-api-key': DEV_API_KEYS.staff }

/** Moves every process's clock to `instant`, through one process; the others follow from their next request. */
const moveClock = async (url: string, instant: Date) =>
  must(await call(url, 'POST', '/dev/clock', { body: { to: instant.toISOString() } }), 200, 'dev clock')

export const sessionIdOf = (member: Member) => `${EXAM}.${member.cabinetId}`

/** Everything up to five minutes into the exam; members are signed in again after the clock moved (tokens age with it). */
export const seatMembersAtExamStart = async (next: () => string, members: readonly Member[]) => {
  // On the hour, two days ahead: registration (closing a day before) is open now.
  const startsAt = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000)
  const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000)
  must(
    await call(next(), 'POST', '/board/sittings', {
      headers: board,
      body: {
        examId: EXAM,
        title: 'Cluster sitting',
        startsAt: startsAt.toISOString(),
        venue: { name: 'Cluster test centre', address: 'Baku, loopback 1' },
        halls: [{ hallId: 'hall-1', name: 'Hall 1', seats: members.length }],
        forms: [BB],
        fee: '15.00',
        timing: {},
        by: 'board-cluster',
      },
    }),
    201,
    'define the sitting',
  )
  const slips = new Map<string, { slipNumber: string; hallId: string; seat: number }>()
  const each = (act: (member: Member) => Promise<void>) => Promise.all(members.map(act))
  await each(async (member) => {
    const registered = must(
      await call(next(), 'POST', `/me/exams/${EXAM}/registration`, {
        token: member.token,
        headers: { 'idempotency-key': `exam-${member.cabinetId}` },
        body: { subgroup: 'BB1' },
      }),
      201,
      'exam registration',
    )
    if (registered.json.slip !== undefined) slips.set(member.cabinetId, registered.json.slip)
  })
  // A registration whose fee was deferred to the process runner answers without its slip: take it from the roster.
  for (let tries = 0; slips.size < members.length; tries++) {
    if (tries === 80) throw new Error(`slips for ${slips.size} of ${members.length} members`)
    await new Promise((resolve) => setTimeout(resolve, 250))
    const roster = must(
      await call(next(), 'GET', `/staff/sittings/${EXAM}/sessions`, { headers: staff }),
      200,
      'roster',
    )
    for (const row of roster.json as {
      sessionId: string
      slipNumber?: string
      hallId?: string
      seat?: number
    }[])
      if (row.slipNumber !== undefined && row.hallId !== undefined && row.seat !== undefined)
        slips.set(row.sessionId.slice(EXAM.length + 1), {
          slipNumber: row.slipNumber,
          hallId: row.hallId,
          seat: row.seat,
        })
  }
  await moveClock(next(), at(-40))
  await each(async (member) => {
    const slip = slips.get(member.cabinetId)!
    const admitted = must(
      await call(next(), 'POST', `/staff/sittings/${EXAM}/sessions/${sessionIdOf(member)}/admission`, {
        headers: staff,
        body: {
          document: { kind: 'id_card', original: true, holderMatches: true, validUntil: '2030-01-01' },
          slip: { slipNumber: slip.slipNumber, examId: EXAM },
          by: 'staff-cluster',
        },
      }),
      200,
      'admission',
    )
    if (admitted.json.admitted !== true) throw new Error(`not admitted: ${JSON.stringify(admitted.json)}`)
  })
  await moveClock(next(), at(-25))
  await each(async (member) => {
    const slip = slips.get(member.cabinetId)!
    must(
      await call(
        next(),
        'POST',
        `/staff/sittings/${EXAM}/sessions/${sessionIdOf(member)}/hall-registration`,
        {
          headers: staff,
          body: { hallId: slip.hallId, seat: slip.seat, by: 'staff-cluster' },
        },
      ),
      200,
      'hall registration',
    )
  })
  await moveClock(next(), at(5))
  await each(async (member) => {
    member.token = await signIn(next(), member.person)
  })
  return { startsAt }
}

/** True when `url`'s clock is already past `instant`: it refuses to move back there. */
export const clockIsPast = async (url: string, instant: Date) => {
  const moved = await call(url, 'POST', '/dev/clock', { body: { to: instant.toISOString() } })
  return moved.json?.code === 'dev.clock_backwards'
}
