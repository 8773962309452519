import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { bakuDateOf } from '../kernel/time.js'
import type { IdentityDocument } from '../values/document.js'
import type { Fin } from '../values/fin.js'
import type { CompleteRegistration, RenewDocument, StartRegistration } from './commands.js'
import { alreadyCompleted, completedCabinet, registeringCabinet } from './guards.js'
import { withNewPassword } from './password.js'
import { personDetailsOf, type RegistryAnswer, type RegistryPerson } from './person.js'
import type { CabinetContext } from './policy.js'
import type { DecideCabinet } from './state.js'

const registryNoMatch = (): DomainError =>
  domainError(
    'cabinet.registry_no_match',
    'The document series, number and FIN do not match the population registry; ' +
      'check them against your identity document and try again.',
  )

const sameDocument = (a: { series: string; number: string }, b: IdentityDocument): boolean =>
  a.series === b.series && a.number === b.number

/**
 * CAB-1/CAB-8: the series is one the policy accepts, the registry knows the
 * document, it belongs to `fin` (else `otherPerson`), and it has not expired.
 * A document is valid through its expiry day, counted in Asia/Baku: an
 * expired document cannot identify anyone at admission (EXM-12) either.
 */
const checkRegistry = (
  context: CabinetContext,
  document: IdentityDocument,
  answer: RegistryAnswer,
  fin: Fin,
  otherPerson: DomainError,
): E.Either<DomainError, RegistryPerson> => {
  const allowed = context.policy.documentSeries
  if (!allowed.includes(document.series))
    return E.left(
      domainError(
        'cabinet.document_series_not_allowed',
        `Documents of series ${document.series} are not accepted; use one of ${allowed.join(', ')}.`,
        { allowed },
      ),
    )
  if (!answer.found || !sameDocument(answer.person.document, document)) return E.left(registryNoMatch())
  if (answer.person.fin !== fin) return E.left(otherPerson)
  const { expiresOn } = answer.person.document
  return expiresOn < bakuDateOf(context.now)
    ? E.left(
        domainError(
          'cabinet.document_expired',
          `This document expired on ${expiresOn}; use a valid identity document.`,
          { expiresOn },
        ),
      )
    : E.right(answer.person)
}

/** CAB-1/CAB-2 */
export const startRegistration: DecideCabinet<StartRegistration> = (command, state, context) => {
  if (state.stage === 'open') {
    const repeat =
      state.overview.cabinetId === command.cabinetId &&
      state.fin === command.fin &&
      sameDocument(state.overview.documents.current, command.document)
    if (repeat) return E.right([])
    return E.left(
      state.overview.stage === 'completed'
        ? alreadyCompleted()
        : domainError(
            'cabinet.registration_already_started',
            'A registration was already started under this cabinet id with other data; start a new one.',
          ),
    )
  }
  return pipe(
    checkRegistry(context, command.document, command.registry, command.fin, registryNoMatch()),
    E.map((person) => [
      {
        type: 'RegistrationStarted' as const,
        cabinetId: command.cabinetId,
        fin: command.fin,
        person: personDetailsOf(person),
        document: person.document,
        startedAt: context.now,
      },
    ]),
  )
}

/** CAB-6/CAB-7. A retry with the same allocated number is answered with no events. */
export const completeRegistration: DecideCabinet<CompleteRegistration> = (command, state, context) => {
  if (state.stage === 'open' && state.overview.cabinetNumber === command.cabinetNumber) return E.right([])
  return pipe(
    registeringCabinet(state),
    E.filterOrElse(
      (cabinet) => cabinet.overview.phone.confirmed !== undefined,
      () =>
        domainError(
          'cabinet.phone_not_confirmed',
          'Confirm your mobile number with the code we sent before setting a password.',
        ),
    ),
    E.chain(
      withNewPassword(context, command.password, (cabinetId) => ({
        type: 'CabinetCompleted',
        cabinetId,
        cabinetNumber: command.cabinetNumber,
        passwordHash: command.passwordHash,
        completedAt: context.now,
      })),
    ),
  )
}

/** CAB-8: a new document of the same person; the old one stays in the history. */
export const renewDocument: DecideCabinet<RenewDocument> = (command, state, context) =>
  pipe(
    completedCabinet(state),
    E.chain((cabinet) => {
      if (sameDocument(cabinet.overview.documents.current, command.document)) return E.right([])
      const otherPerson = domainError(
        'cabinet.document_of_another_person',
        'The registry lists this document under another FIN; a cabinet can only hold its owner’s documents.',
      )
      return pipe(
        checkRegistry(context, command.document, command.registry, cabinet.fin, otherPerson),
        E.map((person) => [
          {
            type: 'DocumentRenewed' as const,
            cabinetId: cabinet.overview.cabinetId,
            person: personDetailsOf(person),
            document: person.document,
            renewedAt: context.now,
          },
        ]),
      )
    }),
  )
