/**
 * The operator endpoints in the API document, under their own `operator`
 * tag, so the document still lists every route the app serves. They are for
 * load balancers and Prometheus, not integrators: docs/operators.md says
 * what each means.
 */
const problem = {
  description: 'Unexpected failure',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
}

const json = (
  description: string,
  properties: Record<string, unknown>,
  required: readonly string[],
  example: unknown,
) => ({
  description,
  content: {
    'application/json': {
      schema: { type: 'object', properties, required, additionalProperties: false },
      example,
    },
  },
})

const status = (value: string) => ({ const: value })
const lags = {
  type: 'object',
  description: 'Events each projection is behind the head of the log',
  additionalProperties: { type: 'integer', minimum: 0 },
}

export const OPERATOR_PATHS = {
  '/health/live': {
    get: {
      operationId: 'healthLive',
      tags: ['operator'],
      summary: 'Liveness: the process answers (restart it if not)',
      responses: {
        200: json('The process is up', { status: status('live') }, ['status'], { status: 'live' }),
        500: problem,
      },
    },
  },
  '/health/ready': {
    get: {
      operationId: 'healthReady',
      tags: ['operator'],
      summary: 'Readiness: the store answers and no projection is beyond its lag limit (route traffic here)',
      responses: {
        200: json('Ready', { status: status('ready'), lags }, ['status'], {
          status: 'ready',
          lags: { 'sitting-results': 0 },
        }),
        503: json(
          'Not ready: the store does not answer, or a projection is too far behind',
          {
            status: status('unready'),
            reason: { type: 'string' },
            lags,
            maxLag: { type: 'integer' },
          },
          ['status', 'reason'],
          {
            status: 'unready',
            reason: 'projections behind',
            lags: { 'sitting-results': 1500 },
            maxLag: 1000,
          },
        ),
        500: problem,
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['operator'],
      summary: 'Prometheus metrics in the text exposition format',
      responses: {
        200: {
          description: 'The metrics (docs/operators.md lists them)',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
        500: problem,
      },
    },
  },
} as const

/** The document with the operator endpoints added, and their tag listed last. */
export const withOperatorPaths = <D extends { tags: { name: string }[]; paths: Record<string, unknown> }>(
  document: D,
): D => ({
  ...document,
  tags: [...document.tags, { name: 'operator' }],
  paths: { ...document.paths, ...OPERATOR_PATHS },
})
