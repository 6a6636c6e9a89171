/** How a version is named everywhere: its number and the name it was saved under. */
export function versionLabel(version: { number: number; name: string }): string {
  return `v${version.number} · ${version.name}`;
}
