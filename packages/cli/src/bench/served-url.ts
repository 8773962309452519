import type { ChildProcess } from 'node:child_process'

/**
 * The URL a starting `imtahan serve` child prints on stderr once it listens
 * (`imtahan API: <url>`); rejects with what it printed if it exits first.
 * The child must have been spawned with stderr piped.
 */
export const servedUrl = (child: ChildProcess): Promise<string> =>
  new Promise<string>((resolve, reject) => {
    let stderr = ''
    child.stderr?.on('data', (chunk) => {
      stderr += chunk
      const found = /imtahan API: (\S+)/.exec(stderr)?.[1]
      if (found !== undefined) resolve(found)
    })
    child.once('exit', (code) => reject(new Error(`imtahan serve exited with ${code}:\n${stderr}`)))
  })
