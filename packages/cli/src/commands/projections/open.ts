import {
  createProjectionRunner,
  createSqlEventStore,
  createSqlViewStore,
  type ProjectionRunner,
  sqlLogHead,
  VIEW_DEFINITIONS,
} from '@imtahan/adapters'
import {
  describeStore,
  parseStoreSelection,
  type StoreArgs,
  type StoreKind,
  storeHelp,
} from '../../store-options.js'
import { openSqlClient } from '../audit/store-args.js'

/** Read models are persisted only by the SQL stores; memory and EventStoreDB fold them at every start. */
const PERSISTING: readonly StoreKind[] = ['pglite', 'postgres']

export const PROJECTIONS_STORE_HELP = storeHelp(PERSISTING)

export type OpenedProjections = {
  readonly runner: ProjectionRunner
  readonly where: string
  readonly close: () => Promise<void>
}

/**
 * The application's views over the chosen store, as `serve` keeps them (same
 * options, same tables): a runner to ask for status or to rebuild with. A
 * running `serve` goes on serving meanwhile; a rebuild is built beside the
 * live view and swapped in one transaction.
 */
export const openProjections = async (
  args: StoreArgs,
  env: NodeJS.ProcessEnv,
): Promise<OpenedProjections> => {
  const selection = parseStoreSelection(args, env, PERSISTING)
  const client = await openSqlClient(selection, 'imtahan projections')
  try {
    const { schema } = selection
    const events = await createSqlEventStore(selection.store, client, { schema })
    const views = await createSqlViewStore(client, { schema })
    const runner = createProjectionRunner({
      events,
      views,
      log: sqlLogHead(client, schema),
      definitions: VIEW_DEFINITIONS,
    })
    return { runner, where: describeStore(selection), close: () => client.close() }
  } catch (error) {
    await client.close()
    throw error
  }
}
