import type { Logger } from '../logging.js'

/** CAB-5: texts the confirmation code to a mobile number (E.164, `+994…`). */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>
}

export type SentSms = { readonly phone: string; readonly text: string }

export interface DevSmsSender extends SmsSender {
  readonly sent: readonly SentSms[]
  /** What the number last received: how tests and the demo read a code. */
  lastMessageTo(phone: string): string | undefined
}

/** `+994501234567` → `+99450*****67`: enough to tell numbers apart in a log, not to call one. */
export const maskPhone = (phone: string): string =>
  phone.length <= 6
    ? '*'.repeat(phone.length)
    : phone.slice(0, 6) + '*'.repeat(phone.length - 8) + phone.slice(-2)

/** Hides every digit run of the text, so a code never reaches a log. */
export const maskDigits = (text: string): string => text.replace(/\d/g, '•')

/**
 * The dev sender sends nothing: it keeps messages in memory and logs that a
 * message went out, with the number masked and the digits of the text hidden
 * (RULES.md §5: no personal data, and a logged code would be a working code).
 */
export const createDevSmsSender = (logger?: Logger): DevSmsSender => {
  const sent: SentSms[] = []
  return {
    sent,
    send: async (phone, text) => {
      sent.push({ phone, text })
      logger?.info({ to: maskPhone(phone), text: maskDigits(text) }, 'sms sent (dev sender)')
    },
    lastMessageTo: (phone) => sent.findLast((message) => message.phone === phone)?.text,
  }
}
