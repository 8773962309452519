import { normaliseOpenAnswer } from '../normalise.js'

/** SCO-2: two open answers are the same answer when they are equal after normalisation. */
export const sameAnswer = (a: string, b: string): boolean => normaliseOpenAnswer(a) === normaliseOpenAnswer(b)
