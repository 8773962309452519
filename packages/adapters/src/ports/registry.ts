/**
 * The population registry (CAB-1, CAB-2, CAB-8): is this identity document
 * this person's, and what does the state know about them? A real adapter
 * calls the government service; the dev one is `createFixtureRegistry`.
 */
export type RegistryDocument = {
  readonly series: string
  readonly number: string
  /** YYYY-MM-DD. */
  readonly issuedOn: string
  /** YYYY-MM-DD. */
  readonly expiresOn: string
}

export type RegistryPerson = {
  readonly surname: string
  readonly name: string
  /** The father's name, as the registry writes it. */
  readonly patronymic: string
  /** YYYY-MM-DD. */
  readonly birthDate: string
  readonly document: RegistryDocument
}

export type RegistryAnswer =
  | { readonly found: false }
  | { readonly found: true; readonly person: RegistryPerson }

export type RegistryQuery = { readonly series: string; readonly number: string; readonly fin: string }

export interface PopulationRegistry {
  /** CAB-1: does the FIN hold (or has it held) this document? The answer carries that document. */
  lookup(query: RegistryQuery): Promise<RegistryAnswer>
  /** CAB-8: is this document the one now in force for the same FIN? */
  lookupRenewal(query: RegistryQuery): Promise<RegistryAnswer>
}

/** A registry record: a person and their documents, oldest first (the last is in force). */
export type RegistryRecord = {
  readonly fin: string
  readonly surname: string
  readonly name: string
  readonly patronymic: string
  readonly birthDate: string
  readonly documents: readonly [RegistryDocument, ...RegistryDocument[]]
}

const NOT_FOUND: RegistryAnswer = { found: false }

const answer = (record: RegistryRecord, document: RegistryDocument | undefined): RegistryAnswer => {
  if (document === undefined) return NOT_FOUND
  const { surname, name, patronymic, birthDate } = record
  return { found: true, person: { surname, name, patronymic, birthDate, document } }
}

const sameDocument = (query: RegistryQuery) => (document: RegistryDocument) =>
  document.series === query.series && document.number === query.number

/**
 * A registry over records found by FIN (exactly as printed: no case folding,
 * so a mistyped letter never matches someone else).
 */
export const createRecordRegistry = (
  find: (fin: string) => RegistryRecord | undefined,
): PopulationRegistry => ({
  lookup: async (query) => {
    const record = find(query.fin)
    return record === undefined ? NOT_FOUND : answer(record, record.documents.find(sameDocument(query)))
  },
  lookupRenewal: async (query) => {
    const record = find(query.fin)
    if (record === undefined) return NOT_FOUND
    const current = record.documents[record.documents.length - 1]
    return answer(record, current !== undefined && sameDocument(query)(current) ? current : undefined)
  },
})
