/**
 * One argv word as a POSIX shell reads it back: bare when it holds only
 * safe characters, else single-quoted.
 *
 * @example
 * shellQuote("a b") // "'a b'"
 */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}
