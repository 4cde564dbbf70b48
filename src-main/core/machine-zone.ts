/**
 * The machine's IANA zone: the default for timestamps without one (DESIGN.md)
 * and for the tenant's zone until one is chosen. The core's machine, which in
 * browser mode is not the page's: hence here, not in src-shared.
 */
export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
