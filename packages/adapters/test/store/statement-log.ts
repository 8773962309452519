import type { SqlClient } from '../../src/store/sql/client.js'

/** The client, with every statement it was asked to run written down. */
export const recording = (client: SqlClient) => {
  const statements: string[] = []
  const recorded: SqlClient = {
    query: (text, params) => {
      statements.push(text)
      return client.query(text, params)
    },
    transaction: (fn) => client.transaction(fn),
    close: () => client.close(),
  }
  return { client: recorded, statements }
}

export const isHeadLookUp = (text: string) => text.includes('s.last_hash') && text.startsWith('select')
export const isWrite = (text: string) => text.includes('insert into') && text.includes('.events')
export const isGroupWrite = (text: string) => isWrite(text) && text.includes('as w(n int')
