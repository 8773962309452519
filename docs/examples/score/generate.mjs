// Writes the example files of `imtahan score` (docs/auditors.md): a valid AA
// form of 100 tasks (40 open, 60 closed, SPEC §3.1), its key, one candidate's
// answer sheet and two expert reviews. Run from the repository root:
//   node docs/examples/score/generate.mjs
// The numbers are chosen so the reviews matter: 111 / 140 under the key alone
// (FAIL in AA2, pass mark 112), 114 / 140 with the reviews (PASS).
import { writeFileSync } from 'node:fs'

const dir = new URL('./', import.meta.url)
const SUBJECTS = [
  ['azerbaijani', 'az', 6, 9],
  ['legislation', 'leg', 16, 24],
  ['informatics', 'inf', 6, 9],
  ['logic', 'log', 12, 18],
]
const LETTERS = ['A', 'B', 'C', 'D']

const tasks = []
const key = {}
for (const [subject, short, open, closed] of SUBJECTS) {
  for (let i = 1; i <= open; i++) {
    const id = `${short}-o${i}`
    tasks.push({ id, subject, type: 'open', text: `${subject}, open task ${i}` })
    // The first Azerbaijani task expects a word; the others a decimal written with a comma.
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
    key[id] = { type: 'closed', option: LETTERS[tasks.length % 4] }
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

// 36 of 40 open right (2 wrong, 2 blank), 39 of 60 closed right (19 wrong, 2 blank): 72 + 39 = 111.
const answers = {}
const open = tasks.filter((task) => task.type === 'open')
const closed = tasks.filter((task) => task.type === 'closed')
open.forEach((task, i) => {
  if (i >= 38) return // unanswered
  const accepted = key[task.id].accepted[0]
  if (task.id === 'az-o1')
    answers[task.id] = '  BAKI ' // SCO-2: Azerbaijani case folding, spaces trimmed
  else if (i === 36)
    answers[task.id] = accepted.replace(',', '.') + '0' // "…50": wrong until review-2 accepts it
  else if (i === 37) answers[task.id] = '7'
  else answers[task.id] = i % 3 === 0 ? accepted.replace(',', '.') : accepted // decimal point = decimal comma
})
closed.forEach((task, i) => {
  if (i >= 58) return // unanswered
  const right = key[task.id].option
  const wrong = LETTERS[(LETTERS.indexOf(right) + 1) % 4]
  answers[task.id] = i < 39 ? (i === 0 ? ` ${right.toLowerCase()} ` : right) : wrong
})

const reviews = [
  {
    reviewId: 'review-2026-06-01',
    kind: 'credit_to_all',
    taskId: closed[39].id,
    reason: 'Expert commission: the task has no correct option',
  },
  {
    reviewId: 'review-2026-06-02',
    kind: 'accept_answer',
    taskId: open[36].id,
    answer: answers[open[36].id],
    reason: 'Expert commission: the answer with a trailing zero is also right',
  },
]

const write = (name, value) => writeFileSync(new URL(name, dir), `${JSON.stringify(value, null, 2)}\n`)
write('form.json', form)
write('key.json', key)
write('answers.json', answers)
write('reviews.json', reviews)
