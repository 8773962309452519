/*
 * The sitting of the OpenAPI example (POST /board/sittings): one AA form of
 * 100 tasks that matches the blueprint (SPEC §3.1: 40 open, 60 closed, by
 * subject) with its key. It is the very form and key of
 * `docs/examples/score/` (built the same way as `generate.mjs` there; a test
 * holds them equal), so an integrator can send the example as it is.
 */

const SUBJECTS = [
  ['azerbaijani', 'az', 6, 9],
  ['legislation', 'leg', 16, 24],
  ['informatics', 'inf', 6, 9],
  ['logic', 'log', 12, 18],
] as const
const LETTERS = ['A', 'B', 'C', 'D'] as const

type ExampleTask = {
  id: string
  subject: string
  type: 'open' | 'closed'
  text: string
  options?: string[]
}
type ExampleKey = { type: 'open'; accepted: string[] } | { type: 'closed'; option: string }

/** The AA form and key of docs/examples/score. */
export const exampleFormWithKey = () => {
  const tasks: ExampleTask[] = []
  const key: Record<string, ExampleKey> = {}
  for (const [subject, short, open, closed] of SUBJECTS) {
    for (let i = 1; i <= open; i++) {
      const id = `${short}-o${i}`
      tasks.push({ id, subject, type: 'open', text: `${subject}, open task ${i}` })
      key[id] = { type: 'open', accepted: id === 'az-o1' ? ['Bakı'] : [`${tasks.length},5`] }
    }
    for (let i = 1; i <= closed; i++) {
      const id = `${short}-c${i}`
      tasks.push({
        id,
        subject,
        type: 'closed',
        text: `${subject}, closed task ${i}`,
        options: ['one', 'two', 'three', 'four'],
      })
      key[id] = { type: 'closed', option: LETTERS[tasks.length % 4] as string }
    }
  }
  const ids = tasks.map((task) => task.id)
  const form = {
    formId: 'form-AA-2026-06',
    group: 'AA',
    tasks,
    variants: [
      { name: 'A', order: ids },
      { name: 'B', order: [...ids].reverse() },
    ],
  }
  return { form, key }
}

/** A whole sitting definition, every field given (timing at its defaults). */
export const sittingExample = () => ({
  examId: 'cs-2026-06',
  title: 'Civil service test, June 2026',
  startsAt: '2026-06-10T06:00:00.000Z',
  venue: { name: 'DİM test centre 1', address: 'Baku, Istiqlaliyyat 7' },
  halls: [
    { hallId: 'hall-1', name: 'Hall 1', seats: 30 },
    { hallId: 'hall-2', name: 'Hall 2', seats: 30 },
  ],
  forms: [exampleFormWithKey()],
  fee: '15.00',
  timing: {
    arrivalBeforeStartMinutes: 30,
    familiarisationMinutes: 15,
    durationMinutes: 180,
    earliestFinishMinutes: 45,
    registrationClosesBeforeStartMinutes: 1440,
  },
  by: 'board-member-1',
})
