const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text for HTML content and attribute values: everything the log holds is escaped, ids included. */
export const escapeHtml = (value: string | number): string =>
  String(value).replace(/[&<>"']/g, (char) => ENTITIES[char]!)

/** A tagged template that escapes every interpolated value, unless it is already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString() {
    return this.text
  }
}

type Value = string | number | Html | readonly Html[]

export const html = (strings: TemplateStringsArray, ...values: Value[]): Html =>
  new Html(
    strings.reduce((out, part, i) => {
      if (i === 0) return part
      const value = values[i - 1]!
      const text =
        value instanceof Html
          ? value.text
          : Array.isArray(value)
            ? value.map((item) => item.text).join('')
            : escapeHtml(value as string | number)
      return out + text + part
    }, ''),
  )
