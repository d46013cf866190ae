import picomatch from "picomatch";
import { UsageError } from "./errors.js";

/**
 * The longest glob jig accepts, in characters. picomatch refuses anything
 * over 65,536 by throwing, which surfaced as exit 4 from whichever command
 * compiled the glob first; no real glob comes near this limit.
 */
export const MAX_GLOB_CHARS = 4096;

/** The message for a glob over {@link MAX_GLOB_CHARS}, shared by schemas and compilers. */
export const GLOB_TOO_LONG = `glob is longer than ${MAX_GLOB_CHARS.toLocaleString("en-US")} characters; shorten it or split it into several globs`;

/**
 * `picomatch(globs, options)`, with a glob picomatch cannot compile (too
 * long, or malformed for its parser) reported as an input error naming
 * `origin` (the file and key the globs came from) instead of a crash.
 *
 * @example
 * compileGlobs(["src/**"], { dot: true }, "jig.config.yaml domains.api")("src/a.ts") // true
 */
export function compileGlobs(
  globs: string | readonly string[],
  options: picomatch.PicomatchOptions,
  origin: string,
): picomatch.Matcher {
  checkLengths(globs, origin);
  try {
    return picomatch(typeof globs === "string" ? globs : [...globs], options);
  } catch (error) {
    throw globError(error, origin);
  }
}

/** `picomatch.makeRe(glob, options)`, with the same input error as {@link compileGlobs}. */
export function compileGlobRegex(
  glob: string,
  options: picomatch.PicomatchOptions,
  origin: string,
): RegExp {
  checkLengths(glob, origin);
  try {
    return picomatch.makeRe(glob, options);
  } catch (error) {
    throw globError(error, origin);
  }
}

function checkLengths(globs: string | readonly string[], origin: string): void {
  for (const glob of typeof globs === "string" ? [globs] : globs) {
    if (glob.length > MAX_GLOB_CHARS) {
      throw new UsageError(
        `${origin}: a ${glob.length.toLocaleString("en-US")}-character ${GLOB_TOO_LONG} ('${glob.slice(0, 40)}…')`,
      );
    }
  }
}

function globError(error: unknown, origin: string): UsageError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UsageError(`${origin}: a glob cannot be compiled (${reason}); fix or shorten it`, {
    cause: error,
  });
}
