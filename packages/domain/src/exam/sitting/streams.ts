/** One stream per sitting: `exam-<examId>`. */
export const examStreamId = (examId: string): string => `exam-${examId}`
