import type { DevSmsSender } from '@imtahan/adapters'
import { domainError, normalisePhone } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { object, text } from '../openapi/codecs.js'
import type { AddRoute } from './deps.js'

/** Development only (mounted when the dev SMS sender is used): read what the "SMS" said. */
export const devRoutes = (add: AddRoute, sms: DevSmsSender) => {
  add({
    method: 'get',
    path: '/dev/sms',
    operationId: 'lastSms',
    tag: 'Development',
    summary: 'The last SMS the dev sender "sent" to a number (never present in production)',
    guard: 'none',
    query: object('SmsQuery', { phone: text('The mobile number, any common form', '+994501234567') }),
    success: {
      status: 200,
      description: 'The message',
      codec: object('Sms', {
        phone: text('E.164', '+994501234567'),
        text: text('The text', 'Your code: 123456'),
      }),
    },
    errors: ['dev.no_message'],
    handle: async ({ query }) => {
      const phone = normalisePhone(query.phone) ?? query.phone
      const message = sms.lastMessageTo(phone)
      return message === undefined
        ? E.left(domainError('dev.no_message', 'No SMS was sent to this number since the server started.'))
        : E.right({ phone, text: message })
    },
  })
}
