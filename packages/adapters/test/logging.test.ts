import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../src/logging.js'

const capture = () => {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  return { lines, stream }
}

describe('logs never carry personal data (SPEC §5)', () => {
  it('censors FIN, documents, phones, e-mails, passwords, codes and tokens at any depth', () => {
    const { lines, stream } = capture()
    const logger = createLogger({ level: 'info' }, stream)
    logger.info(
      {
        fin: '5ZK8M2P',
        phone: '+994501234567',
        body: { email: 'leyla@example.az', password: 'Secret123', document: { number: '12345678' } },
        request: { headers: { authorization: 'Bearer abc.def' } },
        cabinetNumber: '10000014',
      },
      'registration',
    )
    const out = lines.join('')
    for (const secret of ['5ZK8M2P', '+994501234567', 'leyla@example.az', 'Secret123', '12345678', 'abc.def'])
      expect(out).not.toContain(secret)
    expect(out).toContain('10000014')
    expect(out).toContain('[redacted]')
  })
})

describe("security: redaction hides operators' facts", () => {
  it('redaction by path: failure.name and failure.code (SQLSTATE) are visible, personal names and codes are not', () => {
    const { lines, stream } = capture()
    const logger = createLogger({ level: 'info' }, stream)
    logger.error(
      {
        requestId: 'r-1',
        failure: { name: 'DatabaseError', message: 'terminating connection', code: '57P01' },
        person: { name: 'Rəşad', surname: 'Məmmədov' },
        name: 'Leyla',
        code: '654321',
        body: { code: '123456', phone: '+994501234567', document: { number: 'AZE12345678' } },
      },
      'request failed',
    )
    const line = JSON.parse(lines.join(''))
    expect(line.failure).toEqual({ name: 'DatabaseError', message: 'terminating connection', code: '57P01' })
    const out = lines.join('')
    for (const secret of ['Rəşad', 'Məmmədov', 'Leyla', '654321', '123456', '+994501234567', 'AZE12345678'])
      expect(out).not.toContain(secret)
  })
})
