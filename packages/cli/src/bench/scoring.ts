import {
  type AnswerKey,
  type Answers,
  compileKey,
  DEFAULT_BLUEPRINT,
  type Form,
  SUBJECTS,
  type Task,
  type TaskKey,
} from '@imtahan/domain'

/**
 * Scoring throughput (SCO-7, target ≥ 200,000 sessions/s): one AA form (40
 * open + 60 closed tasks) compiled once, then `sessions` answer sheets scored
 * in memory, as the re-score after an expert review does. Sheets mix right
 * answers, near misses (" b ", "3,5", "BAKI"), wrong answers, garbage and
 * blanks, drawn from a fixed pseudo-random sequence so every run is the same.
 */
export const benchScoring = (sessions = 500_000): { sessions: number; seconds: number } => {
  const { form, key } = aaForm()
  const compiled = compileKey({ form, key, reviews: [], blueprint: DEFAULT_BLUEPRINT })
  const sheets = answerSheets(form, 2_000)
  const started = performance.now()
  let points = 0
  for (let i = 0; i < sessions; i++) points += compiled.score(sheets[i % sheets.length]!, 'AA4').total.points
  const seconds = (performance.now() - started) / 1000
  if (points < 0) throw new Error('unreachable: keeps the loop from being optimised away')
  return { sessions, seconds }
}

const aaForm = (): { form: Form; key: AnswerKey } => {
  const counts = DEFAULT_BLUEPRINT.groups.AA.subjects
  const tasks: Task[] = []
  const key: Record<string, TaskKey> = {}
  for (const subject of SUBJECTS)
    for (const type of ['open', 'closed'] as const)
      for (let i = 0; i < counts[subject][type]; i++) {
        const id = `bench-${tasks.length}`
        tasks.push({
          id,
          subject,
          type,
          text: id,
          ...(type === 'closed' ? { options: ['1', '2', '3', '4'] } : {}),
        })
        key[id] = type === 'open' ? { type, accepted: [`${tasks.length}.5`, 'bakı'] } : { type, option: 'B' }
      }
  return {
    form: {
      formId: 'bench-AA',
      group: 'AA',
      tasks,
      variants: [{ name: 'A', order: tasks.map((t) => t.id) }],
    },
    key,
  }
}

const answerSheets = (form: Form, count: number): Answers[] => {
  let state = 2463534242
  const next = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 4294967296
  }
  return Array.from({ length: count }, () =>
    Object.fromEntries(
      form.tasks.map((task, n) => {
        const open = [
          `${n + 1}.5`,
          `${n + 1},5`,
          'BAKI ',
          'bakı',
          'gəncə',
          `${n}`,
          '  ',
          `x${Math.floor(next() * 1000)}`,
        ]
        const closed = ['B', 'b', ' B ', 'A', 'C', 'D', '', 'AB']
        const pool = task.type === 'open' ? open : closed
        return [task.id, pool[Math.floor(next() * pool.length)]!]
      }),
    ),
  )
}
