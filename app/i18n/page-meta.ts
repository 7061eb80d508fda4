/** A public page's title and description (safe for the browser bundle: no texts of its own). */
export function pageMeta(title: string, description: string | undefined) {
  return description ? [{ title }, { name: "description", content: description }] : [{ title }];
}
