import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AnswerKey,
  type AnswerKey as AnswerKeyType,
  Answers,
  checkForm,
  DEFAULT_BLUEPRINT,
  decodeWith,
  Form,
  type FormMismatch,
  type Form as FormType,
  Review,
} from '../../src/index.js'
import { left, right } from '../support/specification.js'
import { formArb } from './form-arbitraries.js'
import { buildForm } from './form-fixtures.js'

const mismatchesOf = (form: FormType, key: AnswerKeyType): FormMismatch[] => {
  const error = left(checkForm(form, key, DEFAULT_BLUEPRINT))
  expect(error.code).toBe('exam.form_mismatch')
  expect(error.message).toContain(`Form ${form.formId} does not match the blueprint of group ${form.group}`)
  return error.details?.mismatches as FormMismatch[]
}
const kinds = (mismatches: FormMismatch[]) =>
  mismatches.map((m) => `${m.rule} ${m.kind} ${m.taskId ?? ''}`.trim())

describe('checkForm accepts a form that matches its blueprint', () => {
  it('EXM-1: a form of every group built from the table is accepted', () => {
    for (const group of ['AA', 'AB', 'AC', 'BA', 'BB'] as const) {
      const { form, key } = buildForm(group)
      expect(right(checkForm(form, key, DEFAULT_BLUEPRINT))).toBe(form)
    }
  })

  it('EXM-1/SCO-0: any generated valid form, with tasks in any position and several variants, is accepted', () => {
    fc.assert(
      fc.property(formArb(), ({ form, key }) => {
        expect(right(checkForm(form, key, DEFAULT_BLUEPRINT))).toBe(form)
      }),
      { numRuns: 50 },
    )
  })
})

describe('checkForm refuses a form that does not match, listing every mismatch', () => {
  it('EXM-1: a missing task is reported as a wrong total and a wrong subject count', () => {
    const { form, key } = buildForm('AB')
    const dropped = form.tasks.find((task) => task.subject === 'logic' && task.type === 'open')!
    const broken = {
      ...form,
      tasks: form.tasks.filter((task) => task !== dropped),
      variants: [{ name: 'A', order: form.tasks.filter((task) => task !== dropped).map((task) => task.id) }],
    }
    const { [dropped.id]: _, ...keyWithout } = key
    const mismatches = mismatchesOf(broken, keyWithout)
    expect(mismatches.map((m) => m.message)).toEqual([
      'group AB needs 100 tasks; the form has 99',
      'logic: expected 6 open (AT) tasks, found 5',
    ])
  })

  it('EXM-1: a task of the wrong subject or type is reported on both sides', () => {
    const { form, key } = buildForm('AA')
    const moved = form.tasks.findIndex((task) => task.subject === 'informatics' && task.type === 'closed')
    const tasks = form.tasks.map((task, i) => (i === moved ? { ...task, subject: 'logic' as const } : task))
    expect(mismatchesOf({ ...form, tasks }, key).map((m) => m.message)).toEqual([
      'informatics: expected 9 closed (QT) tasks, found 8',
      'logic: expected 18 closed (QT) tasks, found 19',
    ])
  })

  it('EXM-2: an open task in group BB is refused by name', () => {
    const { form, key } = buildForm('BB')
    const first = form.tasks[0]!
    const tasks = form.tasks.map((task, i) =>
      i === 0 ? { id: task.id, subject: task.subject, type: 'open' as const, text: task.text } : task,
    )
    const mismatches = mismatchesOf(
      { ...form, tasks },
      { ...key, [first.id]: { type: 'open', accepted: ['x'] } },
    )
    expect(kinds(mismatches)).toEqual([
      'EXM-1 subject_count',
      'EXM-1 subject_count',
      `EXM-2 open_task_not_allowed ${first.id}`,
    ])
  })

  it('SCO-0: duplicate ids and variants that are not permutations of the tasks are refused', () => {
    const { form, key } = buildForm('AC')
    const ids = form.tasks.map((task) => task.id)
    const tasks = form.tasks.map((task, i) => (i === 1 ? { ...task, id: ids[0]! } : task))
    const broken: FormType = {
      ...form,
      tasks,
      variants: [
        { name: 'A', order: tasks.map((task) => task.id) },
        { name: 'A', order: [...ids.slice(2), ids[2]!, 'ghost'] },
      ],
    }
    const { [ids[1]!]: _, ...keyWithout } = key
    expect(kinds(mismatchesOf(broken, keyWithout))).toEqual([
      `SCO-0 duplicate_task ${ids[0]}`,
      `SCO-0 variant_repeats_task ${ids[0]}`,
      'SCO-0 duplicate_variant',
      `SCO-0 variant_repeats_task ${ids[2]}`,
      'SCO-0 variant_unknown_task ghost',
      `SCO-0 variant_missing_task ${ids[0]}`,
    ])
  })

  it('SCO-0: a form without variants cannot be shown to anyone', () => {
    const { form, key } = buildForm('BB')
    expect(kinds(mismatchesOf({ ...form, variants: [] }, key))).toEqual(['SCO-0 no_variants'])
  })

  it('SCO-2: key problems — missing, unknown task, wrong type, letter beyond the options, no options, blank answers', () => {
    const { form, key } = buildForm('BA')
    const open = form.tasks.filter((task) => task.type === 'open')
    const closed = form.tasks.filter((task) => task.type === 'closed')
    const [missing, wrongType, beyond, noOptions, tooMany] = closed
    const [blankOpen] = open
    const tasks = form.tasks.map((task) =>
      task === noOptions
        ? { ...task, options: [] }
        : task === tooMany
          ? { ...task, options: ['1', '2', '3', '4', '5', '6'] }
          : task,
    )
    const { [missing!.id]: _, ...rest } = key
    const broken: AnswerKeyType = {
      ...rest,
      [wrongType!.id]: { type: 'open', accepted: ['A'] },
      [beyond!.id]: { type: 'closed', option: 'E' },
      [blankOpen!.id]: { type: 'open', accepted: ['  ', ''] },
      stray: { type: 'closed', option: 'A' },
    }
    expect(kinds(mismatchesOf({ ...form, tasks }, broken))).toEqual([
      `SCO-2 key_no_accepted_answer ${blankOpen!.id}`,
      `SCO-2 key_missing ${missing!.id}`,
      `SCO-2 key_type ${wrongType!.id}`,
      `SCO-2 key_option_out_of_range ${beyond!.id}`,
      `SCO-2 closed_task_options ${noOptions!.id}`,
      `SCO-2 closed_task_options ${tooMany!.id}`,
      'SCO-2 key_for_unknown_task stray',
    ])
  })

  it('EXM-1: the message names the first problems and how many more there are', () => {
    const { form, key } = buildForm('AA')
    const error = left(checkForm({ ...form, tasks: [] }, key, DEFAULT_BLUEPRINT))
    const count = ((error.details?.mismatches ?? []) as FormMismatch[]).length
    expect(error.message).toContain(`(${count} mismatches)`)
    expect(error.message).toContain(`and ${count - 5} more`)
    expect(error.message).toContain('Correct the form and its key')
  })
})

describe('codecs of the shared exam vocabulary reject malformed values readably', () => {
  it('Form: a bad group, a task without a subject and an id with spaces are each named', () => {
    const error = left(
      decodeWith(Form)({
        formId: 'form 1',
        group: 'CC',
        tasks: [{ id: 't1', type: 'closed', text: 'x' }],
        variants: [{ name: 'A', order: ['t1'] }],
      }),
    )
    expect(error.code).toBe('validation.invalid_input')
    expect(error.message).toContain('formId: an id is 1 to 128 letters')
    expect(error.message).toContain('group: expected GroupCode, got "CC"')
    expect(error.message).toContain('subject: expected Subject, got undefined')
  })

  it('AnswerKey, Answers and Review: wrong letters, non-text answers and unknown kinds are refused', () => {
    expect(left(decodeWith(AnswerKey)({ t1: { type: 'closed', option: 'F' } })).message).toContain('t1')
    expect(left(decodeWith(Answers)({ t1: 3 })).message).toContain('t1: expected string, got 3')
    expect(
      left(decodeWith(Review)({ reviewId: 'r1', kind: 'forgive', taskId: 't1', reason: 'x' })).code,
    ).toBe('validation.invalid_input')
    expect(right(decodeWith(Answers)({ t1: ' a ' }))).toEqual({ t1: ' a ' })
  })
})
