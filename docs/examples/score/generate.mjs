// Writes the example files of `imtahan score` (docs/auditors.md): a valid AA
// form of 100 tasks (40 open, 60 closed, SPEC §3.1), its key, one candidate's
// answer sheet and two expert reviews. Run from the repository root, after
// `npm run build`:
//   node docs/examples/score/generate.mjs
// The numbers are chosen so the reviews matter: 111 / 140 under the key alone
// (FAIL in AA2, pass mark 112), 114 / 140 with the reviews (PASS).
import { writeFileSync } from 'node:fs'
// The form and key are the OpenAPI example's (one source, packages/http/src/examples/sitting.ts).
import { exampleFormWithKey } from '../../../packages/http/dist/examples/sitting.js'

const dir = new URL('./', import.meta.url)
const LETTERS = ['A', 'B', 'C', 'D']
const { form, key } = exampleFormWithKey()
const { tasks } = form

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
